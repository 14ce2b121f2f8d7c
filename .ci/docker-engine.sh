#!/usr/bin/env bash
# The Docker engine the container runtime's CI leg needs, on machines that have none running.
#
# Usage: .ci/docker-engine.sh start | stop | sweep | status
#
#   start   Installs Debian's docker.io (engine + CLI) and busybox-static (the shell of the locally
#           built Kafka image) when missing, then starts `dockerd` in the background unless an
#           engine already answers, and waits for it (DOCKER_ENGINE_START_TIMEOUT s, default 60).
#           Idempotent: a running engine, ours or anyone's, is reused as it is.
#   stop    Removes this suite's containers (as sweep does), then stops the dockerd that `start`
#           started, and only that one: an engine someone else runs is left running.
#   sweep   Removes every container this suite started on the engine (label kafka-event-spec.suite),
#           including those of another run in progress: for CI's end and after a Ctrl-C.
#   status  Says whether an engine answers and whether `start` started it.
#
# PID 1 on these machines is not systemd, so the package does not start the engine itself.
set -euo pipefail

SUITE_LABEL=kafka-event-spec.suite
STATE_DIR=${DOCKER_ENGINE_STATE_DIR:-/tmp/kafka-event-spec-docker-engine}
PID_FILE=$STATE_DIR/dockerd.pid
# Present when the docker0 bridge did not exist before `start`: `stop` then removes it too.
BRIDGE_MARKER=$STATE_DIR/created-docker0
LOG_FILE=$STATE_DIR/dockerd.log
START_TIMEOUT=${DOCKER_ENGINE_START_TIMEOUT:-60}
STOP_TIMEOUT=${DOCKER_ENGINE_STOP_TIMEOUT:-30}

say() { printf 'docker-engine: %s\n' "$*"; }
fail() { printf 'docker-engine: %s\n' "$*" >&2; exit 1; }

engine_answers() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# The pid `start` recorded, if that process is still a dockerd.
our_dockerd_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(<"$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/comm ]] && [[ $(</proc/"$pid"/comm) == dockerd ]] || return 1
  printf '%s\n' "$pid"
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [[ -x /bin/busybox ]] || missing+=(busybox-static)
  ((${#missing[@]} == 0)) && return 0
  ((EUID == 0)) || fail "need ${missing[*]}; run as root, or install them: apt-get install -y ${missing[*]}"
  say "installing ${missing[*]} (Debian packages)..."
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have no package lists yet: update only when the first try fails.
  if ! apt-get install -y -q "${missing[@]}" >"$STATE_DIR/apt.log" 2>&1; then
    apt-get update -q >>"$STATE_DIR/apt.log" 2>&1 || true
    apt-get install -y -q "${missing[@]}" >>"$STATE_DIR/apt.log" 2>&1 ||
      fail "apt-get install ${missing[*]} failed; see $STATE_DIR/apt.log"
  fi
}

wait_for_engine() {
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  until engine_answers; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$LOG_FILE" >&2 || true
      fail "dockerd exited during startup; its log is $LOG_FILE"
    fi
    ((SECONDS < deadline)) || fail "no Docker engine answered within ${START_TIMEOUT} s; see $LOG_FILE"
    sleep 0.2
  done
}

start() {
  mkdir -p "$STATE_DIR"
  install_packages
  if engine_answers; then
    say "reusing the Docker engine that already answers ($(docker version --format '{{.Server.Version}}'))"
    return 0
  fi
  local pid
  if pid=$(our_dockerd_pid); then
    say "dockerd $pid (started earlier by this script) is not answering yet; waiting for it"
    wait_for_engine "$pid"
    return 0
  fi
  # A dockerd someone else started may still be coming up: wait for it instead of racing it.
  if [[ -f /var/run/docker.pid ]] && kill -0 "$(</var/run/docker.pid)" 2>/dev/null; then
    say "a dockerd (pid $(</var/run/docker.pid)) not started by this script is running; waiting for it"
    wait_for_engine ""
    return 0
  fi
  ((EUID == 0)) || fail "no Docker engine answers and starting dockerd needs root"
  say "starting dockerd in the background (log: $LOG_FILE)..."
  local started=$SECONDS
  if [[ ! -e /sys/class/net/docker0 ]]; then : >"$BRIDGE_MARKER"; else rm -f "$BRIDGE_MARKER"; fi
  # setsid: its own session, so a Ctrl-C in the calling shell does not reach it; stop ends it.
  # No iptables rules and no IP forwarding: by default dockerd sets net.ipv4.ip_forward=1, the
  # FORWARD policy to DROP and its own chains, and leaves all of it behind when it stops. The
  # suite needs none of it: published ports still reach containers through docker-proxy, and
  # containers need no way out (there is no registry to reach anyway).
  setsid dockerd --iptables=false --ip-forward=false >"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  wait_for_engine "$pid"
  say "dockerd $pid answers ($(docker version --format '{{.Server.Version}}'), up in ~$((SECONDS - started)) s)"
}

sweep() {
  engine_answers || { say "no engine answers: nothing to sweep"; return 0; }
  local ids
  ids=$(docker ps -aq --filter "label=$SUITE_LABEL")
  if [[ -z $ids ]]; then
    say "no containers of this suite to remove"
    return 0
  fi
  # shellcheck disable=SC2086 # one id per word
  docker rm -f -v $ids >/dev/null
  say "removed $(wc -w <<<"$ids") container(s) of this suite"
}

stop() {
  local pid
  sweep
  if ! pid=$(our_dockerd_pid); then
    rm -f "$PID_FILE"
    say "no dockerd started by this script is running: leaving the engine alone"
    return 0
  fi
  say "stopping dockerd $pid..."
  kill -TERM "$pid"
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "dockerd $pid did not stop within ${STOP_TIMEOUT} s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  # dockerd leaves its bridge behind; remove it when it was not there before `start`.
  if [[ -f $BRIDGE_MARKER ]] && [[ -e /sys/class/net/docker0 ]] && command -v ip >/dev/null 2>&1; then
    ip link delete docker0 2>/dev/null || true
  fi
  rm -f "$BRIDGE_MARKER"
  say "dockerd stopped"
}

status() {
  local pid
  if engine_answers; then
    say "an engine answers: $(docker version --format '{{.Server.Version}}')"
  else
    say "no engine answers"
  fi
  if pid=$(our_dockerd_pid); then say "dockerd $pid was started by this script"; fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  sweep) sweep ;;
  status) status ;;
  *) fail "usage: $0 start | stop | sweep | status" ;;
esac
