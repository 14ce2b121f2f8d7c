#!/usr/bin/env bash
# Creates every topic of the topic catalog with its partitions, replication factor and configs, then
# describes them and checks the result: the partitions, the replication factor and the full set of
# topic-level configs, as step 5 of the milestone compares them. Safe to run again: it creates only what is missing, sets
# only configs that differ, and a run on a cluster that already matches changes nothing.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
  cat <<EOF
Usage: create_topics.sh [--help]

Creates every topic listed in the topic catalog, with its partitions, replication factor and
topic-level configs (retention.ms=259200000 is three days), then describes them with kafka-topics
and checks that each matches the catalog. Running it again changes nothing: a missing topic is
created, a config that differs is set back to the catalog's value, everything else is left alone.
A topic whose partition count or replication factor differs, or that has a topic-level config the
catalog does not list (set by hand, say), is reported, not changed.

Environment:
  KAFKA_HOME            an unpacked Apache Kafka distribution (bin/kafka-topics.sh), Confluent's
                        layout (bin/kafka-topics), or a directory whose libs/ holds Kafka's jars (run
                        with java). Required.
  BOOTSTRAP_SERVER      the broker(s) to talk to, host:port[,host:port...] (default: localhost:9092)
  TOPIC_PREFIX          put in front of every topic name, e.g. "staging." (default: empty)
  TOPIC_CATALOG         the catalog to read (default: topic-catalog.txt next to this script's
                        directory: $SCRIPT_DIR/../topic-catalog.txt)
  BROKER_WAIT_SECONDS   how long to wait for the broker to answer before giving up (default: 30)
  KAFKA_COMMAND_CONFIG  a client properties file for a cluster reached through TLS and/or SASL,
                        passed to kafka-topics and kafka-configs as --command-config
                        (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.*)
  JAVA_HOME             the JDK to use when KAFKA_HOME holds jars only (default: java on PATH)

Catalog format: one topic per line, "topic event partitions replication-factor configs", configs
as comma-separated name=value pairs; "#" starts a comment.

Exit status: 0 when every topic matches the catalog, 1 otherwise (each problem on its own line),
2 for a bad argument.
EOF
}

# shellcheck source=lib/kafka-cli.sh
source "$SCRIPT_DIR/lib/kafka-cli.sh"
kafka_cli_only_help "$@"

BOOTSTRAP_SERVER=${BOOTSTRAP_SERVER:-localhost:9092}
TOPIC_PREFIX=${TOPIC_PREFIX:-}
TOPIC_CATALOG=${TOPIC_CATALOG:-$(cd "$SCRIPT_DIR/.." && pwd)/topic-catalog.txt}
BROKER_WAIT_SECONDS=${BROKER_WAIT_SECONDS:-30}
kafka_cli_require_int BROKER_WAIT_SECONDS "$BROKER_WAIT_SECONDS"
KAFKA_COMMAND_CONFIG=${KAFKA_COMMAND_CONFIG:-}
if [[ -n $KAFKA_COMMAND_CONFIG ]]; then
  [[ -f $KAFKA_COMMAND_CONFIG && -r $KAFKA_COMMAND_CONFIG ]] ||
    kafka_cli_die "KAFKA_COMMAND_CONFIG=$KAFKA_COMMAND_CONFIG is not a readable file (a client properties file: security.protocol, sasl.*, ssl.*)"
fi

# kafka_admin TOOL ARG...: kafka-topics or kafka-configs against the cluster, through TLS/SASL when
# KAFKA_COMMAND_CONFIG says how.
kafka_admin() {
  kafka_cli_run "$@" ${KAFKA_COMMAND_CONFIG:+--command-config "$KAFKA_COMMAND_CONFIG"}
}

# ---- the catalog, parsed and checked before anything touches the cluster --------------------------
declare -a topics=()
declare -A partitions=() replication=() configs=()

# The topic-level configs Kafka knows (3.7 to 4.x) and the type of each value, as
# support/topics/topic-config-names.ts lists them: a typo or a wrong value is the catalog's line, not a Java stack trace.
declare -A CONFIG_TYPES=(
  [cleanup.policy]=policy
  [compression.type]=compression
  [compression.gzip.level]=int
  [compression.lz4.level]=int
  [compression.zstd.level]=int
  [delete.retention.ms]=int
  [file.delete.delay.ms]=int
  [flush.messages]=int
  [flush.ms]=int
  [follower.replication.throttled.replicas]=string
  [index.interval.bytes]=int
  [leader.replication.throttled.replicas]=string
  [local.retention.bytes]=int
  [local.retention.ms]=int
  [max.compaction.lag.ms]=int
  [max.message.bytes]=int
  [message.downconversion.enable]=boolean
  [message.format.version]=string
  [message.timestamp.after.max.ms]=int
  [message.timestamp.before.max.ms]=int
  [message.timestamp.difference.max.ms]=int
  [message.timestamp.type]=timestamp
  [min.cleanable.dirty.ratio]=double
  [min.compaction.lag.ms]=int
  [min.insync.replicas]=int
  [preallocate]=boolean
  [remote.log.copy.disable]=boolean
  [remote.log.delete.on.disable]=boolean
  [remote.storage.enable]=boolean
  [retention.bytes]=int
  [retention.ms]=int
  [segment.bytes]=int
  [segment.index.bytes]=int
  [segment.jitter.ms]=int
  [segment.ms]=int
  [unclean.leader.election.enable]=boolean
)

# config_value_problem NAME VALUE: why VALUE is not a value of NAME (nothing when it is one).
config_value_problem() {
  local value=$2
  case ${CONFIG_TYPES[$1]} in
    int) [[ $value =~ ^-?[0-9]+$ ]] || echo "\"$value\" is not a whole number" ;;
    double) [[ $value =~ ^-?[0-9]+(\.[0-9]+)?$ ]] || echo "\"$value\" is not a number" ;;
    boolean) [[ $value == true || $value == false ]] || echo "\"$value\" is not true or false" ;;
    policy) [[ $value =~ ^\[?(delete|compact)([;,](delete|compact))?\]?$ ]] || echo "\"$value\" is not a list of delete, compact" ;;
    compression) [[ $value =~ ^(uncompressed|zstd|lz4|snappy|gzip|producer)$ ]] || echo "\"$value\" is not one of uncompressed, zstd, lz4, snappy, gzip, producer" ;;
    timestamp) [[ $value == CreateTime || $value == LogAppendTime ]] || echo "\"$value\" is not one of CreateTime, LogAppendTime" ;;
  esac
}

read_catalog() {
  [[ -f $TOPIC_CATALOG && -r $TOPIC_CATALOG ]] || kafka_cli_die "TOPIC_CATALOG=$TOPIC_CATALOG is not a readable file"
  local line number=0 topic pair
  local -a columns pairs
  while IFS= read -r line || [[ -n $line ]]; do
    number=$((number + 1))
    read -r -a columns <<<"${line%%#*}"
    ((${#columns[@]} > 0)) || continue
    local where="$TOPIC_CATALOG:$number"
    ((${#columns[@]} == 5)) || kafka_cli_die "$where: expected 5 columns (topic event partitions replication-factor configs), found ${#columns[@]}"
    topic=$TOPIC_PREFIX${columns[0]}
    [[ $topic =~ ^[A-Za-z0-9._-]{1,249}$ ]] || kafka_cli_die "$where: \"$topic\" is not a valid topic name (letters, digits, . _ -, at most 249)"
    [[ -z ${partitions[$topic]+set} ]] || kafka_cli_die "$where: topic ${columns[0]} is listed twice"
    [[ ${columns[2]} =~ ^[1-9][0-9]*$ ]] || kafka_cli_die "$where: partitions \"${columns[2]}\" is not a whole number >= 1"
    [[ ${columns[3]} =~ ^[1-9][0-9]*$ ]] || kafka_cli_die "$where: replication-factor \"${columns[3]}\" is not a whole number >= 1"
    IFS=, read -r -a pairs <<<"${columns[4]}"
    local -A seen=()
    local name value problem on_line="line $number of $TOPIC_CATALOG"
    for pair in "${pairs[@]}"; do
      [[ $pair =~ ^[a-z0-9.]+=[^=]+$ ]] || kafka_cli_die "$where: config \"$pair\" is not name=value"
      name=${pair%%=*} value=${pair#*=}
      [[ -n ${CONFIG_TYPES[$name]+set} ]] || kafka_cli_die "unknown topic config $name on $on_line"
      problem=$(config_value_problem "$name" "$value")
      [[ -z $problem ]] || kafka_cli_die "topic config $name=$value on $on_line: $problem"
      [[ -z ${seen[$name]+set} ]] || kafka_cli_die "topic config $name is set twice on $on_line"
      seen[$name]=1
    done
    unset seen
    topics+=("$topic")
    partitions[$topic]=${columns[2]}
    replication[$topic]=${columns[3]}
    configs[$topic]=${columns[4]}
  done <"$TOPIC_CATALOG"
  ((${#topics[@]} > 0)) || kafka_cli_die "TOPIC_CATALOG=$TOPIC_CATALOG lists no topics"
}

# ---- what the cluster has ----------------------------------------------------------------------
# described_configs[TOPIC]: its topic-level configs, one name=value per line (a value may hold commas).
declare -A described_partitions=() described_replication=() described_configs=()

# describe_topics: what the cluster shows of the catalog's topics. A topic this run has just created
# can be missing for a moment: CreateTopics answers once the controller has committed it, and the
# broker that answers a describe learns it from the metadata log a little later (seen on Kafka 3.9.2
# under load). A person typing the next command never notices; a script must ask again, for at most
# BROKER_WAIT_SECONDS, rather than report a topic it created as MISSING.
describe_topics() {
  local deadline=$((SECONDS + BROKER_WAIT_SECONDS)) topic missing
  while :; do
    describe_topics_once
    missing=()
    for topic in "${!is_new[@]}"; do
      [[ -n ${described_partitions[$topic]+set} && -n ${described_configs[$topic]+set} ]] || missing+=("$topic")
    done
    ((${#missing[@]} > 0 && SECONDS < deadline)) || return 0
    kafka_cli_say "waiting for the broker to show ${missing[*]}, created a moment ago"
    sleep 1
  done
}

# One kafka-topics --describe for all of them (its --topic takes a regular expression), then one
# kafka-configs --describe for their topic-level configs: kafka-topics' Configs column also shows
# values a broker's server.properties sets, which are not the topic's own configuration.
describe_topics_once() {
  local pattern output line
  pattern=$(printf '%s|' "${topics[@]}")
  pattern=${pattern%|}
  # When its --topic matches no topic at all, kafka-topics --describe fails ("Topic '…' does not
  # exist as expected"): right after the creates, that is the same moment as above, so it counts as
  # "none shown yet" and describe_topics asks again.
  if ! output=$(kafka_admin kafka-topics --bootstrap-server "$BOOTSTRAP_SERVER" --describe --topic "${pattern//./\\.}" 2>&1); then
    if [[ $output != *"does not exist as expected"* ]]; then
      printf '%s\n' "$output" >&2
      kafka_cli_die "kafka-topics --describe failed against $BOOTSTRAP_SERVER (its output is above)"
    fi
    output=''
  fi
  described_partitions=() described_replication=() described_configs=()
  # The first line of each topic, e.g.:
  # Topic: OrderReceived  TopicId: ...  PartitionCount: 3  ReplicationFactor: 1  Configs: retention.ms=259200000,...
  local summary='^Topic:[[:space:]]+([^[:space:]]+)[[:space:]].*PartitionCount:[[:space:]]*([0-9]+).*ReplicationFactor:[[:space:]]*([0-9]+)'
  while IFS= read -r line; do
    [[ $line =~ $summary ]] || continue
    described_partitions[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
    described_replication[${BASH_REMATCH[1]}]=${BASH_REMATCH[3]}
  done <<<"$output"
  # kafka-configs lists the cluster's topics, then describes each one: a topic someone else deletes in
  # between (on a shared cluster) fails the whole command with UnknownTopicOrPartitionException.
  # That is not this script's problem: ask again, a few times.
  local tries=1
  until output=$(kafka_admin kafka-configs --bootstrap-server "$BOOTSTRAP_SERVER" --describe --entity-type topics 2>&1); do
    if [[ $output == *UnknownTopicOrPartitionException* ]] && ((tries < 5)); then
      tries=$((tries + 1))
      continue
    fi
    printf '%s\n' "$output" >&2
    kafka_cli_die "kafka-configs --describe failed against $BOOTSTRAP_SERVER (its output is above)"
  done
  # Without --all it lists only what is set on each topic, e.g.:
  # Dynamic configs for topic OrderReceived are:
  #   retention.ms=259200000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=259200000}
  local header='^Dynamic configs for topic ([^[:space:]]+) are:$'
  local entry='^[[:space:]]+([^=[:space:]]+=.*) sensitive=(true|false) synonyms=\{.*\}$'
  local topic=''
  while IFS= read -r line; do
    if [[ $line =~ $header ]]; then
      topic=${BASH_REMATCH[1]}
      described_configs[$topic]=''
    elif [[ -n $topic && $line =~ $entry ]]; then
      described_configs[$topic]+="${BASH_REMATCH[1]}"$'\n'
    fi
  done <<<"$output"
}

# described_config TOPIC NAME: the value set on the topic, or nothing.
described_config() {
  local pair
  while IFS= read -r pair; do
    if [[ -n $pair && ${pair%%=*} == "$2" ]]; then
      printf '%s\n' "${pair#*=}"
      return
    fi
  done <<<"${described_configs[$1]:-}"
}

# extra_configs TOPIC: the names of configs set on the topic that the catalog does not list, one a line.
extra_configs() {
  local pair
  while IFS= read -r pair; do
    [[ -n $pair ]] || continue
    [[ ,${configs[$1]}, == *",${pair%%=*}="* ]] || printf '%s\n' "${pair%%=*}"
  done <<<"${described_configs[$1]:-}"
}

# differing_configs TOPIC: the catalog's name=value pairs the topic does not have, comma-separated.
differing_configs() {
  local pair differing=()
  local -a pairs
  IFS=, read -r -a pairs <<<"${configs[$1]}"
  for pair in "${pairs[@]}"; do
    [[ $(described_config "$1" "${pair%%=*}") == "${pair#*=}" ]] || differing+=("$pair")
  done
  local IFS=,
  printf '%s\n' "${differing[*]}"
}

with_units() {
  local pair shown=()
  local -a pairs
  IFS=, read -r -a pairs <<<"$1"
  for pair in "${pairs[@]}"; do
    if [[ ${pair%%=*} == *.ms ]]; then
      shown+=("$pair ($(kafka_cli_ms_human "${pair#*=}"))")
    else
      shown+=("$pair")
    fi
  done
  local joined
  joined=$(printf '%s, ' "${shown[@]}")
  printf '%s\n' "${joined%, }"
}

# changes TOPIC PAIRS: "retention.ms 10800000 (3 hours) -> 259200000 (3 days), ..." for the log.
changes() {
  local pair was shown=()
  local -a pairs
  IFS=, read -r -a pairs <<<"$2"
  for pair in "${pairs[@]}"; do
    was=$(described_config "$1" "${pair%%=*}")
    shown+=("${pair%%=*} $(with_units "${pair%%=*}=${was:-(unset)}" | cut -d= -f2-) -> $(with_units "$pair" | cut -d= -f2-)")
  done
  local joined
  joined=$(printf '%s, ' "${shown[@]}")
  printf '%s\n' "${joined%, }"
}

# ---- the run -----------------------------------------------------------------------------------
read_catalog
kafka_cli_require_home

kafka_cli_wait_for "$BOOTSTRAP_SERVER" "$BROKER_WAIT_SECONDS" ||
  kafka_cli_die "no Kafka broker answered at $BOOTSTRAP_SERVER within $BROKER_WAIT_SECONDS s: start one (start_kafka.sh), or set BOOTSTRAP_SERVER to where it listens"

existing=$(kafka_admin kafka-topics --bootstrap-server "$BOOTSTRAP_SERVER" --list) ||
  kafka_cli_die "kafka-topics --list failed against $BOOTSTRAP_SERVER (its output is above; a cluster reached through TLS or SASL needs KAFKA_COMMAND_CONFIG, see --help)"

created=0 updated=0 unchanged=0
declare -A is_new=()
for topic in "${topics[@]}"; do
  if grep -qxF -- "$topic" <<<"$existing"; then
    continue
  fi
  config_args=()
  IFS=, read -r -a pairs <<<"${configs[$topic]}"
  for pair in "${pairs[@]}"; do
    config_args+=(--config "$pair")
  done
  # --if-not-exists: another run creating the same topic at the same moment is not an error.
  kafka_admin kafka-topics --bootstrap-server "$BOOTSTRAP_SERVER" --create --if-not-exists --topic "$topic" \
    --partitions "${partitions[$topic]}" --replication-factor "${replication[$topic]}" "${config_args[@]}" >/dev/null ||
    kafka_cli_die "kafka-topics --create $topic failed (its output is above)"
  kafka_cli_say "created $topic: ${partitions[$topic]} partitions, replication factor ${replication[$topic]}, $(with_units "${configs[$topic]}")"
  is_new[$topic]=1
  created=$((created + 1))
done

describe_topics
for topic in "${topics[@]}"; do
  [[ -n ${described_partitions[$topic]+set} ]] || continue
  to_set=$(differing_configs "$topic")
  if [[ -z $to_set ]]; then
    [[ -n ${is_new[$topic]+set} ]] || unchanged=$((unchanged + 1))
    continue
  fi
  # A topic made by hand or by an older script (a 3-hour retention, say) is brought back to the catalog.
  kafka_admin kafka-configs --bootstrap-server "$BOOTSTRAP_SERVER" --alter --entity-type topics --entity-name "$topic" \
    --add-config "$to_set" >/dev/null ||
    kafka_cli_die "kafka-configs --alter $topic failed (its output is above)"
  kafka_cli_say "updated $topic: $(changes "$topic" "$to_set")"
  [[ -n ${is_new[$topic]+set} ]] || updated=$((updated + 1))
done
((updated == 0)) || describe_topics

# ---- the check: what kafka-topics --describe now shows, against the catalog --------------------
problems=0
kafka_cli_say "topics on $BOOTSTRAP_SERVER, as kafka-topics --describe shows them:"
for topic in "${topics[@]}"; do
  if [[ -z ${described_partitions[$topic]+set} ]]; then
    printf '  MISSING  %s: kafka-topics --describe does not show it\n' "$topic" >&2
    problems=$((problems + 1))
    continue
  fi
  bad=()
  [[ ${described_partitions[$topic]} == "${partitions[$topic]}" ]] ||
    bad+=("partitions: expected ${partitions[$topic]}, got ${described_partitions[$topic]} (kafka-topics --alter --partitions can add some; fewer needs a new topic)")
  [[ ${described_replication[$topic]} == "${replication[$topic]}" ]] ||
    bad+=("replication factor: expected ${replication[$topic]}, got ${described_replication[$topic]} (kafka-reassign-partitions changes it)")
  IFS=, read -r -a pairs <<<"${configs[$topic]}"
  for pair in "${pairs[@]}"; do
    name=${pair%%=*} want=${pair#*=}
    got=$(described_config "$topic" "$name")
    [[ $got == "$want" ]] && continue
    if [[ $name == *.ms ]]; then
      bad+=("$name: expected $want ($(kafka_cli_ms_human "$want")), got ${got:-nothing} ($(kafka_cli_ms_human "${got:-none}"))")
    else
      bad+=("$name: expected $want, got ${got:-nothing}")
    fi
  done
  # The full set, as step 5 compares it: a config set on the topic that the catalog does not list
  # (by hand, say) makes the topic differ from its siblings just as much as a wrong value does.
  while IFS= read -r name; do
    [[ -n $name ]] || continue
    got=$(described_config "$topic" "$name")
    if [[ $name == *.ms ]]; then
      bad+=("$name: expected not set (the catalog does not list it), got $got ($(kafka_cli_ms_human "$got")) (kafka-configs --alter --delete-config $name removes it)")
    else
      bad+=("$name: expected not set (the catalog does not list it), got $got (kafka-configs --alter --delete-config $name removes it)")
    fi
  done < <(extra_configs "$topic")
  if ((${#bad[@]} == 0)); then
    printf '  OK       %s: %s partitions, replication factor %s, %s\n' "$topic" "${described_partitions[$topic]}" \
      "${described_replication[$topic]}" "$(with_units "${configs[$topic]}")"
  else
    for problem in "${bad[@]}"; do
      printf '  WRONG    %s %s\n' "$topic" "$problem" >&2
    done
    problems=$((problems + 1))
  fi
done

summary="created $created, updated $updated, unchanged $unchanged"
if ((problems > 0)); then
  kafka_cli_die "$problems of ${#topics[@]} topics do not match $TOPIC_CATALOG ($summary)"
fi
kafka_cli_say "all ${#topics[@]} topics match $TOPIC_CATALOG ($summary)"
