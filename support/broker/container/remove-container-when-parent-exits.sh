#!/bin/sh
# Usage: remove-container-when-parent-exits.sh CONTAINER_ID
#
# Removes the broker's container once the Node process that started this script is gone, however
# it ended (Ctrl-C, SIGKILL, a crash), for runs without testcontainers' Ryuk (which an offline
# machine cannot pull): Node holds the write end of our stdin, so stdin reaches EOF only then.
# A clean stop sends SIGTERM first, which ends this script before it removes anything.
set -u
cat >/dev/null
exec docker rm --force --volumes "$1" >/dev/null 2>&1
