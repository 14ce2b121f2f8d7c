#!/usr/bin/env bash
# Usage: kill-when-parent-exits.sh PID
#
# Guards a broker or ZooKeeper that a spec started with one of scripts/shell/'s foreground scripts:
# if the spec's process goes away without stopping it (killed, crashed), the server must not live
# on. Node holds the write end of our stdin, so the read below ends at EOF when Node is gone; then
# PID gets SIGTERM (a clean shutdown), and SIGKILL if it is still there after a grace period.
# When the spec stops the server itself, it kills this guard after the server has exited, while the
# guard still waits on stdin: so the guard never signals a PID that has been reused. `read` is a
# builtin, so no child process of ours is left behind when we are killed.
set -u
pid=$1

while IFS= read -r _; do :; done

kill -TERM "$pid" 2>/dev/null || exit 0
for _ in $(seq 1 200); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.1
done
kill -KILL "$pid" 2>/dev/null
exit 0
