#!/usr/bin/env bash
# Usage: run-until-parent-exits.sh WORK_DIR COMMAND [ARG...]
#
# Runs COMMAND (the Kafka JVM) and guarantees it does not outlive the Node process that started
# this script, however Node ends (even SIGKILL): Node holds the write end of our stdin, so stdin
# reaches EOF when Node is gone. On that, or on SIGTERM/SIGINT, the JVM gets SIGTERM (Kafka's
# clean shutdown), then SIGKILL after a grace period. WORK_DIR (the broker's temp dir) is removed
# once the JVM has exited, so no run leaves data behind.
set -uo pipefail

work_dir=$1
shift

# A background job's stdin would default to /dev/null: keep ours on fd 3 for the watcher.
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
cat <&3 >/dev/null 3<&- &
stdin_watch=$!
exec 3<&-

stop_child() {
  kill -TERM "$child" 2>/dev/null
  for _ in $(seq 1 100); do
    kill -0 "$child" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$child" 2>/dev/null
}

finish() {
  local status=$1
  kill "$stdin_watch" 2>/dev/null
  wait "$child" 2>/dev/null
  rm -rf -- "$work_dir"
  exit "$status"
}

trap 'stop_child; finish 143' TERM INT HUP

wait -n "$child" "$stdin_watch"
status=$?
if kill -0 "$child" 2>/dev/null; then
  # stdin closed: the parent is gone.
  stop_child
  finish 0
fi
finish "$status"
