#!/usr/bin/env bash
# The harness's one parent-exit watchdog: whatever a spec run starts (a Kafka JVM, a container, a
# server started by one of scripts/shell/'s foreground scripts) must not outlive the Node process
# that started it, however Node ends (Ctrl-C, a crash, even SIGKILL). The trick: Node holds the
# write end of our stdin, so stdin reaches EOF exactly when Node is gone. Stopping a process is
# SIGTERM (its clean shutdown), then SIGKILL after a grace period.
#
# Usage:
#   when-parent-exits.sh run WORK_DIR COMMAND [ARG...]  runs COMMAND (the Kafka JVM) and stops it when
#                                                       Node is gone or on SIGTERM/SIGINT; removes
#                                                       WORK_DIR (its temp dir) once it has exited
#   when-parent-exits.sh kill PID                       stops PID when Node is gone
#   when-parent-exits.sh exec COMMAND [ARG...]          runs COMMAND (docker rm) when Node is gone
set -uo pipefail

usage='usage: when-parent-exits.sh run WORK_DIR COMMAND... | kill PID | exec COMMAND...'

# stop_pid PID TENTHS: SIGTERM, then SIGKILL if PID is still there after TENTHS tenths of a second.
stop_pid() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 1 "$2"); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null
}

run_until_parent_exits() {
  # globals, not locals: the trap and finish() read them
  work_dir=$1
  shift
  # A background job's stdin would default to /dev/null: keep ours on fd 3 for the watcher.
  exec 3<&0
  "$@" </dev/null 3<&- &
  child=$!
  cat <&3 >/dev/null 3<&- &
  stdin_watch=$!
  exec 3<&-

  finish() {
    kill "$stdin_watch" 2>/dev/null
    wait "$child" 2>/dev/null
    rm -rf -- "$work_dir"
    exit "$1"
  }
  trap 'stop_pid "$child" 100; finish 143' TERM INT HUP

  wait -n "$child" "$stdin_watch"
  status=$?
  if kill -0 "$child" 2>/dev/null; then
    # stdin closed: the parent is gone.
    stop_pid "$child" 100
    finish 0
  fi
  finish "$status"
}

mode=${1:?$usage}
shift
case $mode in
  run)
    run_until_parent_exits "$@"
    ;;
  kill)
    # `read` is a builtin, so no child of ours is left behind when the spec kills this guard. It
    # does so after the server has exited, while we still wait here: so we never signal a reused PID.
    while IFS= read -r _; do :; done
    stop_pid "$1" 200
    exit 0
    ;;
  exec)
    # Without Ryuk (an offline machine cannot pull it), this removes the container. A clean stop
    # sends SIGTERM first, which ends this script before it runs anything.
    cat >/dev/null
    exec "$@" >/dev/null 2>&1
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
