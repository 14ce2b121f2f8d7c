# shellcheck shell=bash
# What start_zookeeper.sh, start_kafka.sh and create_topics.sh share: finding Kafka's tools under
# KAFKA_HOME, checking the environment, waiting for a server with a deadline. Sourced, never run.
#
# KAFKA_HOME may be laid out three ways; a tool such as kafka-topics runs from the first that fits:
#   $KAFKA_HOME/bin/kafka-topics.sh   an unpacked Apache Kafka distribution, as in Kafka's quickstart
#   $KAFKA_HOME/bin/kafka-topics      Confluent's packages (e.g. the cp-kafka image, KAFKA_HOME=/usr)
#   $KAFKA_HOME/libs/*.jar            the jars alone (e.g. fetched from Maven Central): java runs the
#                                     main class that the distribution's bin/ script would run
# Every failure is one line on stderr, prefixed with the script's name, and exit status 1.

KAFKA_CLI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KAFKA_CLI_SCRIPT=$(basename "$0")

kafka_cli_die() {
  printf '%s: %s\n' "$KAFKA_CLI_SCRIPT" "$*" >&2
  exit 1
}

kafka_cli_say() {
  printf '%s: %s\n' "$KAFKA_CLI_SCRIPT" "$*"
}

# kafka_cli_only_help "$@": for a script whose only argument is -h/--help, which prints the text of
# the script's own usage function; any other argument is a usage error (exit status 2).
kafka_cli_only_help() {
  case ${1:-} in
    -h | --help)
      usage
      exit 0
      ;;
    '') ;;
    *)
      printf '%s: unknown argument "%s" (try --help)\n' "$KAFKA_CLI_SCRIPT" "$1" >&2
      exit 2
      ;;
  esac
}

# kafka_cli_require_int NAME VALUE: VALUE must be a whole number >= 1 (ports, counts, seconds).
kafka_cli_require_int() {
  [[ $2 =~ ^[1-9][0-9]*$ ]] || kafka_cli_die "$1=$2 is not a whole number >= 1"
}

kafka_cli_require_port() {
  kafka_cli_require_int "$1" "$2"
  (($2 <= 65535)) || kafka_cli_die "$1=$2 is not a port number (1-65535)"
}

# Sets KAFKA_CLI_LAYOUT to distribution, confluent or jars, or exits with the one line that says
# what to do.
kafka_cli_require_home() {
  local get_kafka="set it to an unpacked Apache Kafka distribution (the directory with bin/ and libs/), e.g. export KAFKA_HOME=\$HOME/kafka_2.13-4.3.1"
  [[ -n ${KAFKA_HOME:-} ]] || kafka_cli_die "KAFKA_HOME is not set: $get_kafka"
  [[ -d $KAFKA_HOME ]] || kafka_cli_die "KAFKA_HOME=$KAFKA_HOME is not a directory: $get_kafka"
  if [[ -x $KAFKA_HOME/bin/kafka-topics.sh ]]; then
    KAFKA_CLI_LAYOUT=distribution
  elif [[ -x $KAFKA_HOME/bin/kafka-topics ]]; then
    KAFKA_CLI_LAYOUT=confluent
  elif [[ -n $(kafka_cli_core_jar) ]]; then
    KAFKA_CLI_LAYOUT=jars
    kafka_cli_require_java
  else
    kafka_cli_die "KAFKA_HOME=$KAFKA_HOME holds no Kafka (neither bin/kafka-topics.sh nor libs/kafka_2.13-<version>.jar): $get_kafka"
  fi
}

# Like bin/kafka-run-class.sh: $JAVA_HOME/bin/java, else java on PATH.
kafka_cli_require_java() {
  if [[ -n ${JAVA_HOME:-} ]]; then
    KAFKA_CLI_JAVA=$JAVA_HOME/bin/java
    [[ -x $KAFKA_CLI_JAVA ]] || kafka_cli_die "JAVA_HOME=$JAVA_HOME has no bin/java: point it at a JDK 17+, or unset it to use java on PATH"
  else
    KAFKA_CLI_JAVA=$(command -v java) || kafka_cli_die "no java on PATH and JAVA_HOME is not set: install a JDK 17+ (KAFKA_HOME=$KAFKA_HOME has jars only, which java runs)"
  fi
}

# The path of libs/kafka_2.1x-<version>.jar, or nothing.
kafka_cli_core_jar() {
  local jar
  for jar in "$KAFKA_HOME"/libs/kafka_2.1[23]-*.jar; do
    if [[ $(basename "$jar") =~ ^kafka_2\.1[23]-[0-9]+\.[0-9]+\.[0-9]+\.jar$ ]]; then
      printf '%s\n' "$jar"
      return
    fi
  done
}

# Prints the Kafka version, e.g. 4.3.1: from the core jar's name, or else from the tools themselves.
kafka_cli_version() {
  local jar version
  jar=$(kafka_cli_core_jar)
  if [[ -n $jar ]]; then
    version=$(basename "$jar" .jar)
    printf '%s\n' "${version#kafka_2.1[23]-}"
    return
  fi
  version=$(kafka_cli_run kafka-topics --version 2>/dev/null | head -n 1) || true
  version=${version%% *}
  [[ $version =~ ^([0-9]+)\.([0-9]+\.[0-9]+)-ccs ]] || {
    [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || kafka_cli_die "could not tell which Kafka version KAFKA_HOME=$KAFKA_HOME holds (kafka-topics --version printed \"$version\")"
    printf '%s\n' "${BASH_REMATCH[0]}"
    return
  }
  # Confluent Platform N.x.y ships Apache Kafka (N-4).x.y (8.3.1 ships 4.3.1, 7.9.2 ships 3.9.2).
  printf '%s.%s\n' "$((BASH_REMATCH[1] - 4))" "${BASH_REMATCH[2]}"
}

# kafka_cli_main_class TOOL VERSION: the main class behind bin/TOOL.sh in that Kafka version, from
# the table in kafka-tool-classes.tsv (the row for TOOL with the newest first version not after
# VERSION), the one table the suite's own tool runners read too. Classes move between releases:
# ConfigCommand is kafka.admin.ConfigCommand up to 4.3, org.apache.kafka.tools.ConfigCommand from 4.4.
kafka_cli_main_class() {
  local table=$KAFKA_CLI_DIR/kafka-tool-classes.tsv main_class
  [[ -r $table ]] || kafka_cli_die "$table is missing: copy lib/ along with the scripts"
  main_class=$(awk -F '\t' -v tool="$1" -v version="$2" '
    # -1, 0 or 1 as dotted version a is older than, the same as or newer than b.
    function cmp(a, b, x, y, i) {
      split(a, x, "."); split(b, y, ".")
      for (i = 1; i <= 3; i++) if (x[i] + 0 != y[i] + 0) return x[i] + 0 < y[i] + 0 ? -1 : 1
      return 0
    }
    /^#/ || NF != 3 { next }
    $1 == tool && cmp($2, version) <= 0 && (found == "" || cmp($2, found) > 0) { found = $2; main_class = $3 }
    END { print main_class }' "$table")
  case $main_class in
    '') kafka_cli_die "$table has no main class for $1 (Kafka $2)" ;;
    -) kafka_cli_die "Kafka $2 has no $1 (see $table)" ;;
  esac
  printf '%s\n' "$main_class"
}

# Sets the array KAFKA_CLI_COMMAND to run TOOL (a bin/ script's name without .sh).
kafka_cli_command() {
  local tool=$1 heap logging=tools
  case $KAFKA_CLI_LAYOUT in
    distribution) KAFKA_CLI_COMMAND=("$KAFKA_HOME/bin/$tool.sh") ;;
    confluent) KAFKA_CLI_COMMAND=("$KAFKA_HOME/bin/$tool") ;;
    jars)
      # The heap sizes the bin/ scripts default to; KAFKA_HEAP_OPTS overrides them, as it does there.
      case $tool in
        kafka-server-start) heap='-Xmx1G -Xms1G' logging=broker ;;
        zookeeper-server-start) heap='-Xmx512M -Xms512M' logging=broker ;;
        *) heap='-Xmx256M' ;;
      esac
      local -a heap_opts
      read -r -a heap_opts <<<"${KAFKA_HEAP_OPTS:-$heap}"
      # A tool lives for a second or two: the serial collector and the quick JIT tier start it in
      # about two thirds of the time G1 and full JIT take, which adds up over create_topics.sh's calls.
      local -a jvm_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
      [[ $logging == tools ]] || jvm_opts=(-XX:+UseG1GC -XX:MaxGCPauseMillis=20)
      local main_class
      main_class=$(kafka_cli_main_class "$tool" "$(kafka_cli_version)") || exit 1
      local -a class_data_opts
      local class_path
      kafka_cli_class_data_opts "$logging"
      KAFKA_CLI_COMMAND=(
        "$KAFKA_CLI_JAVA" "${heap_opts[@]}" "${jvm_opts[@]}" "${class_data_opts[@]}" -Djava.awt.headless=true
        "-Dlog4j2.configurationFile=$KAFKA_CLI_DIR/log-config/$logging-log4j2.properties"
        "-Dlog4j.configuration=file:$KAFKA_CLI_DIR/log-config/$logging-log4j.properties"
        -cp "$class_path" "$main_class"
      )
      ;;
  esac
}

# kafka_cli_class_data_opts KIND: sets the array class_data_opts and class_path (both local to the
# caller) to the JVM options and class path for KIND (tools or broker). When the test suite has built
# a class-data sharing archive beside these jars for this Java (support/broker/jvm/class-data.ts:
# <dir of libs>/class-data/<java runtime version>-<vendor>/KIND.jsa and the jar list it was dumped
# with, KIND.classpath), the JVM maps it instead of parsing the same classes again, which halves a
# tool's start; -Xshare:auto and -Xlog:cds*=off start it as usual, silently, if it cannot. Anywhere
# else (a distribution's libs/, KAFKA_CLASS_DATA=off) nothing changes: no options, libs/*.
kafka_cli_class_data_opts() {
  class_data_opts=()
  class_path="$KAFKA_HOME/libs/*"
  [[ ${KAFKA_CLASS_DATA:-} != off ]] || return 0
  local java libs release version vendor dir
  java=$(readlink -f "$KAFKA_CLI_JAVA" 2>/dev/null) || return 0
  release=$(dirname "$(dirname "$java")")/release
  [[ -r $release ]] || return 0
  version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$release")
  vendor=$(sed -n 's/^IMPLEMENTOR="\(.*\)"$/\1/p' "$release")
  [[ -n $version ]] || return 0
  version="$version-$vendor"
  libs=$(cd -P "$KAFKA_HOME/libs" 2>/dev/null && pwd -P) || return 0
  dir=$(dirname "$libs")/class-data/${version//[^A-Za-z0-9._+-]/_}
  [[ -r $dir/$1.jsa && -r $dir/$1.classpath ]] || return 0
  class_data_opts=(-XX:SharedArchiveFile="$dir/$1.jsa" -Xshare:auto '-Xlog:cds*=off')
  class_path=$(<"$dir/$1.classpath")
}

# kafka_cli_run TOOL ARG...: runs a command-line tool to completion, bounded by
# KAFKA_CLI_TIMEOUT_SECONDS (default 120) where coreutils' timeout exists.
kafka_cli_run() {
  local tool=$1
  shift
  kafka_cli_command "$tool"
  if command -v timeout >/dev/null; then
    timeout "${KAFKA_CLI_TIMEOUT_SECONDS:-120}" "${KAFKA_CLI_COMMAND[@]}" "$@"
  else
    "${KAFKA_CLI_COMMAND[@]}" "$@"
  fi
}

# kafka_cli_exec TOOL ARG...: becomes the server (no shell stays behind), so Ctrl-C and SIGTERM
# reach the JVM, which shuts down cleanly, exactly as with Kafka's own bin/ scripts.
kafka_cli_exec() {
  local tool=$1
  shift
  kafka_cli_command "$tool"
  exec "${KAFKA_CLI_COMMAND[@]}" "$@"
}

# kafka_cli_port_open HOST PORT: true when something accepts TCP connections there.
kafka_cli_port_open() {
  local host=${1#[} port=$2
  host=${host%]}
  # shellcheck disable=SC2016 # $1 and $2 are the inner bash's arguments
  if command -v timeout >/dev/null; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
  else
    bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
  fi
}

# kafka_cli_wait_for SERVERS SECONDS: polls until one of SERVERS (host:port[,host:port...]) accepts
# connections; false once SECONDS have passed. ($SECONDS counts whole seconds, hence the + 1: the
# wait is at least SECONDS, never a fraction of it.)
kafka_cli_wait_for() {
  local servers=$1 deadline=$((SECONDS + $2 + 1)) server
  local -a list
  IFS=, read -r -a list <<<"$servers"
  while :; do
    for server in "${list[@]}"; do
      [[ $server == *:* ]] || kafka_cli_die "\"$server\" is not host:port"
      kafka_cli_port_open "${server%:*}" "${server##*:}" && return 0
    done
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# kafka_cli_ms_human MS: 259200000 -> "3 days", 10800000 -> "3 hours": retention is easy to get
# 1000x or 24x wrong, and a human unit shows it at a glance.
kafka_cli_ms_human() {
  local ms=$1 unit size n
  [[ $ms =~ ^[0-9]+$ ]] || {
    printf '%s\n' "$ms"
    return
  }
  for unit in day:86400000 hour:3600000 minute:60000 second:1000; do
    size=${unit#*:}
    if ((ms >= size && ms % size == 0)); then
      n=$((ms / size))
      printf '%d %s%s\n' "$n" "${unit%%:*}" "$([[ $n == 1 ]] || echo s)"
      return
    fi
  done
  printf '%d ms\n' "$ms"
}

# kafka_cli_exec_from_libs TOOL ARG...: what a bin/TOOL.sh generated beside the jars runs (see
# support/kafka-tools/kafka-bin.ts): the jars layout whatever KAFKA_HOME/bin holds, since that bin/
# is this very script; the same main class, JVM options and logging as the scripts get.
kafka_cli_exec_from_libs() {
  [[ -n $(kafka_cli_core_jar) ]] || kafka_cli_die "KAFKA_HOME=$KAFKA_HOME has no libs/kafka_2.13-<version>.jar: run npm run kafka:jars again"
  KAFKA_CLI_LAYOUT=jars
  kafka_cli_require_java
  kafka_cli_exec "$@"
}
