#!/usr/bin/env bash
# Starts one Kafka broker in the foreground, like Kafka's quickstart: KRaft (broker and controller in
# one process) by default, formatting its storage on the first start; or, on Kafka 3.x, a broker
# that keeps its metadata in the ZooKeeper start_zookeeper.sh runs. Ctrl-C or SIGTERM stops it.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
  cat <<EOF
Usage: start_kafka.sh [--kraft | --zookeeper] [--help]

Starts a single Kafka broker in the foreground; Ctrl-C (or SIGTERM) stops it cleanly.
  --kraft       KRaft mode, the default: one process is both broker and controller; the storage is
                formatted with a new cluster id on the first start (kafka-storage format), and
                reused after that
  --zookeeper   ZooKeeper mode, Kafka 3.x only (ZooKeeper was removed in Kafka 4.0): the broker
                keeps its metadata in the ZooKeeper that start_zookeeper.sh started
The broker refuses to create topics implicitly (auto.create.topics.enable=false): create_topics.sh
creates every topic the project uses.

Environment:
  KAFKA_HOME             an unpacked Apache Kafka distribution, Confluent's layout, or a directory
                         whose libs/ holds Kafka's jars (run with java). Required.
  KAFKA_MODE             kraft or zookeeper, as the options above (default: kraft)
  KAFKA_HOST             the host name clients are told to connect to (default: localhost); the
                         broker listens on every interface, as in the quickstart
  KAFKA_PORT             the port clients connect to (default: 9092)
  KAFKA_CONTROLLER_PORT  the KRaft controller's port (default: 9093)
  KAFKA_DATA_DIR         where the broker keeps its data (default: /tmp/kraft-combined-logs in KRaft
                         mode, /tmp/kafka-logs in ZooKeeper mode)
  KAFKA_CONFIG_DIR       where this script writes the server.properties it generates
                         (default: /tmp/kafka-event-spec)
  KAFKA_CLUSTER_ID       the cluster id for the first format (default: kafka-storage random-uuid)
  ZOOKEEPER_CONNECT      ZooKeeper mode: where ZooKeeper runs (default: localhost:\$ZOOKEEPER_PORT)
  ZOOKEEPER_PORT         ZooKeeper mode: ZooKeeper's port when ZOOKEEPER_CONNECT is unset (default: 2181)
  ZOOKEEPER_WAIT_SECONDS ZooKeeper mode: how long to wait for ZooKeeper to answer (default: 30)
  KAFKA_HEAP_OPTS        the JVM's heap options (default: -Xmx1G -Xms1G, as bin/kafka-server-start.sh)
  JAVA_HOME              the JDK to use when KAFKA_HOME holds jars only (default: java on PATH)
EOF
}

KAFKA_MODE=${KAFKA_MODE:-kraft}
case ${1:-} in
  -h | --help)
    usage
    exit 0
    ;;
  --kraft) KAFKA_MODE=kraft ;;
  --zookeeper) KAFKA_MODE=zookeeper ;;
  '') ;;
  *)
    printf 'start_kafka.sh: unknown argument "%s" (try --help)\n' "$1" >&2
    exit 2
    ;;
esac
if (($# > 1)); then
  printf 'start_kafka.sh: one option at most (try --help)\n' >&2
  exit 2
fi

# shellcheck source=lib/kafka-cli.sh
source "$SCRIPT_DIR/lib/kafka-cli.sh"

[[ $KAFKA_MODE == kraft || $KAFKA_MODE == zookeeper ]] || kafka_cli_die "KAFKA_MODE=$KAFKA_MODE is not kraft or zookeeper"
KAFKA_HOST=${KAFKA_HOST:-localhost}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_CONFIG_DIR=${KAFKA_CONFIG_DIR:-/tmp/kafka-event-spec}
ZOOKEEPER_PORT=${ZOOKEEPER_PORT:-2181}
ZOOKEEPER_CONNECT=${ZOOKEEPER_CONNECT:-localhost:$ZOOKEEPER_PORT}
ZOOKEEPER_WAIT_SECONDS=${ZOOKEEPER_WAIT_SECONDS:-30}
if [[ $KAFKA_MODE == kraft ]]; then
  KAFKA_DATA_DIR=${KAFKA_DATA_DIR:-/tmp/kraft-combined-logs}
else
  KAFKA_DATA_DIR=${KAFKA_DATA_DIR:-/tmp/kafka-logs}
fi
kafka_cli_require_port KAFKA_PORT "$KAFKA_PORT"
kafka_cli_require_port KAFKA_CONTROLLER_PORT "$KAFKA_CONTROLLER_PORT"
kafka_cli_require_port ZOOKEEPER_PORT "$ZOOKEEPER_PORT"
kafka_cli_require_int ZOOKEEPER_WAIT_SECONDS "$ZOOKEEPER_WAIT_SECONDS"

kafka_cli_require_home
version=$(kafka_cli_version)
major=${version%%.*}
if [[ $KAFKA_MODE == zookeeper ]] && ((major >= 4)); then
  # shellcheck disable=SC2153 # KAFKA_HOME comes from the environment, checked by kafka_cli_require_home
  kafka_cli_die "ZooKeeper mode was removed in Kafka 4.0, and KAFKA_HOME=$KAFKA_HOME holds Kafka $version: start it in KRaft mode (without --zookeeper), or use a Kafka 3.x distribution"
fi

# A port already taken would make Kafka fail only after its whole startup, deep in its log.
if kafka_cli_port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
  kafka_cli_die "port $KAFKA_PORT on $KAFKA_HOST is already in use (another broker?): stop it, or set KAFKA_PORT"
fi
if [[ $KAFKA_MODE == kraft ]] && kafka_cli_port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
  kafka_cli_die "port $KAFKA_CONTROLLER_PORT on $KAFKA_HOST is already in use (another controller?): stop it, or set KAFKA_CONTROLLER_PORT"
fi

mkdir -p "$KAFKA_CONFIG_DIR" "$KAFKA_DATA_DIR"
config=$KAFKA_CONFIG_DIR/server.properties

# Settings both modes share: one broker, so every internal topic has a single replica; no wait
# before a consumer group's first rebalance; and no topic springs into being from a typo.
common_config() {
  cat <<EOF
log.dirs=$KAFKA_DATA_DIR
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
  if ((major >= 4)); then
    printf 'share.coordinator.state.topic.replication.factor=1\nshare.coordinator.state.topic.min.isr=1\n'
  fi
}

if [[ $KAFKA_MODE == kraft ]]; then
  {
    cat <<EOF
# Written by start_kafka.sh (KRaft mode); it is rewritten on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://:$KAFKA_PORT,CONTROLLER://:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
EOF
    common_config
  } >"$config"

  if [[ -f $KAFKA_DATA_DIR/meta.properties ]]; then
    kafka_cli_say "storage in $KAFKA_DATA_DIR is already formatted ($(grep '^cluster.id=' "$KAFKA_DATA_DIR/meta.properties" || echo 'no cluster.id')): starting on it"
  else
    cluster_id=${KAFKA_CLUSTER_ID:-}
    if [[ -z $cluster_id ]]; then
      cluster_id=$(kafka_cli_run kafka-storage random-uuid) || kafka_cli_die "kafka-storage random-uuid failed (its output is above)"
    fi
    kafka_cli_say "formatting storage in $KAFKA_DATA_DIR with cluster id $cluster_id (first start)"
    kafka_cli_run kafka-storage format --cluster-id "$cluster_id" --config "$config" ||
      kafka_cli_die "kafka-storage format failed (its output is above)"
  fi
  kafka_cli_say "starting Kafka $version in KRaft mode (broker and controller) for clients at $KAFKA_HOST:$KAFKA_PORT, controller on port $KAFKA_CONTROLLER_PORT, data in $KAFKA_DATA_DIR; Ctrl-C stops it"
else
  {
    cat <<EOF
# Written by start_kafka.sh (ZooKeeper mode); it is rewritten on every start.
broker.id=0
zookeeper.connect=$ZOOKEEPER_CONNECT
zookeeper.connection.timeout.ms=18000
listeners=PLAINTEXT://:$KAFKA_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
EOF
    common_config
  } >"$config"

  # Kafka would give up after zookeeper.connection.timeout.ms with a stack trace; this says what to do.
  kafka_cli_wait_for "${ZOOKEEPER_CONNECT%%/*}" "$ZOOKEEPER_WAIT_SECONDS" ||
    kafka_cli_die "no ZooKeeper answered at $ZOOKEEPER_CONNECT within $ZOOKEEPER_WAIT_SECONDS s: start it first (start_zookeeper.sh), or set ZOOKEEPER_CONNECT"
  kafka_cli_say "starting Kafka $version in ZooKeeper mode (ZooKeeper at $ZOOKEEPER_CONNECT) for clients at $KAFKA_HOST:$KAFKA_PORT, data in $KAFKA_DATA_DIR; Ctrl-C stops it"
fi

kafka_cli_exec kafka-server-start "$config"
