#!/usr/bin/env bash
# Starts ZooKeeper in the foreground, for a Kafka 3.x broker in ZooKeeper mode
# (start_kafka.sh --zookeeper). Kafka 4.0 removed ZooKeeper: on 4.x this script says so and fails.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
  cat <<EOF
Usage: start_zookeeper.sh [--help]

Starts a single ZooKeeper server in the foreground, with the ZooKeeper that Kafka 3.x ships;
Ctrl-C (or SIGTERM) stops it. Then start the broker with: start_kafka.sh --zookeeper
Kafka 4.0 removed ZooKeeper (KRaft keeps the metadata in Kafka itself): with a Kafka 4.x
KAFKA_HOME this script fails and says so; run start_kafka.sh alone.

Environment:
  KAFKA_HOME           an unpacked Apache Kafka 3.x distribution, Confluent's layout, or a directory
                       whose libs/ holds Kafka's jars (run with java). Required.
  ZOOKEEPER_PORT       the port clients (Kafka) connect to (default: 2181)
  ZOOKEEPER_DATA_DIR   where ZooKeeper keeps its data (default: /tmp/zookeeper)
  KAFKA_CONFIG_DIR     where this script writes the zookeeper.properties it generates
                       (default: /tmp/kafka-event-spec)
  KAFKA_HEAP_OPTS      the JVM's heap options (default: -Xmx512M -Xms512M, as
                       bin/zookeeper-server-start.sh)
  JAVA_HOME            the JDK to use when KAFKA_HOME holds jars only (default: java on PATH)
EOF
}

# shellcheck source=lib/kafka-cli.sh
source "$SCRIPT_DIR/lib/kafka-cli.sh"
kafka_cli_only_help "$@"

ZOOKEEPER_PORT=${ZOOKEEPER_PORT:-2181}
ZOOKEEPER_DATA_DIR=${ZOOKEEPER_DATA_DIR:-/tmp/zookeeper}
KAFKA_CONFIG_DIR=${KAFKA_CONFIG_DIR:-/tmp/kafka-event-spec}
kafka_cli_require_port ZOOKEEPER_PORT "$ZOOKEEPER_PORT"

kafka_cli_require_home
version=$(kafka_cli_version)
if ((${version%%.*} >= 4)); then
  kafka_cli_die "ZooKeeper was removed in Kafka 4.0, and KAFKA_HOME=$KAFKA_HOME holds Kafka $version, which keeps its metadata itself (KRaft): run start_kafka.sh alone, no ZooKeeper needed"
fi

if kafka_cli_port_open localhost "$ZOOKEEPER_PORT"; then
  kafka_cli_die "port $ZOOKEEPER_PORT is already in use (another ZooKeeper?): stop it, or set ZOOKEEPER_PORT"
fi

mkdir -p "$KAFKA_CONFIG_DIR" "$ZOOKEEPER_DATA_DIR"
config=$KAFKA_CONFIG_DIR/zookeeper.properties
# Kafka's config/zookeeper.properties, plus ruok and srvr, so that a script or a person can ask
# whether it is up: echo ruok | nc localhost 2181 answers imok.
cat >"$config" <<EOF
# Written by start_zookeeper.sh; it is rewritten on every start.
dataDir=$ZOOKEEPER_DATA_DIR
clientPort=$ZOOKEEPER_PORT
maxClientCnxns=0
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr
EOF

kafka_cli_say "starting ZooKeeper (from Kafka $version) on port $ZOOKEEPER_PORT, data in $ZOOKEEPER_DATA_DIR; Ctrl-C stops it"
kafka_cli_exec zookeeper-server-start "$config"
