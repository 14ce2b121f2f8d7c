/**
 * Which Kafka the shell scripts of scripts/shell/ run with in a spec: a KAFKA_HOME, its version,
 * and the JDK. The jvm runtime's jars are a KAFKA_HOME with libs/ but no bin/, which the scripts
 * accept; the container and external runtimes have no Kafka on this machine unless KAFKA_HOME
 * names one.
 */
import { dirname, isAbsolute } from 'node:path';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { DEFAULT_KAFKA_VERSION, kafkaMajor } from '../broker/kafka-versions.js';
import { findJava } from '../broker/jvm/find-java.js';
import { defaultJarsCache, fromKafkaHome, fromMavenCache } from '../broker/jvm/kafka-jars.js';
import type { ScriptEnv } from './shell-scripts.js';

export interface ScriptKafka {
  kafkaHome: string;
  kafkaVersion: string;
  /** KAFKA_HOME, and JAVA_HOME when the run found its Java somewhere PATH may not lead. */
  env: ScriptEnv;
  /** Where the jars came from, for a spec's title. */
  source: string;
}

export type ScriptKafkaPlan =
  | { kind: 'ready'; kafka: ScriptKafka }
  | { kind: 'fetch'; kafkaVersion: string }
  | { kind: 'unavailable'; reason: string };

function userKafkaHome(): string | undefined {
  const home = process.env.KAFKA_HOME?.trim();
  return home === undefined || home === '' ? undefined : home;
}

function javaEnv(java: string): ScriptEnv {
  // The scripts run $JAVA_HOME/bin/java, else java on PATH, as Kafka's kafka-run-class.sh does.
  return isAbsolute(java) ? { JAVA_HOME: dirname(dirname(java)) } : { JAVA_HOME: undefined };
}

/** The Kafka the run's own broker came from, when this machine has it. */
export function scriptKafkaOfRun(connection: BrokerConnection): ScriptKafkaPlan {
  const { tools } = connection;
  if (tools.kind === 'jvm') {
    const kafkaHome = dirname(tools.libsDir);
    const source = userKafkaHome() === undefined ? 'jars from Maven Central' : 'KAFKA_HOME';
    return {
      kind: 'ready',
      kafka: { kafkaHome, kafkaVersion: tools.kafkaVersion, env: { KAFKA_HOME: kafkaHome, ...javaEnv(tools.java) }, source },
    };
  }
  const home = userKafkaHome();
  if (home !== undefined) {
    try {
      const libs = fromKafkaHome(home, undefined);
      return { kind: 'ready', kafka: { kafkaHome: libs.kafkaHome, kafkaVersion: libs.kafkaVersion, env: { KAFKA_HOME: libs.kafkaHome }, source: 'KAFKA_HOME' } };
    } catch (error) {
      return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
    }
  }
  const why = tools.kind === 'container' ? `the ${connection.runtime} runtime runs Kafka inside a container` : tools.reason;
  return {
    kind: 'unavailable',
    reason: `${why}, and the scripts need a Kafka on this machine: set KAFKA_HOME to an unpacked Apache Kafka distribution (and have Java 17+) to prove them`,
  };
}

/**
 * Kafka `version` for the scripts: the run's own when it is that version; otherwise, when the run
 * fetches its jars from Maven Central, the same way for `version` (once, then cached). A run
 * whose Kafka comes from KAFKA_HOME has no other version at hand.
 */
export function planScriptKafka(connection: BrokerConnection, version: string): ScriptKafkaPlan {
  const ofRun = scriptKafkaOfRun(connection);
  if (ofRun.kind !== 'ready' || ofRun.kafka.kafkaVersion === version) return ofRun;
  if (userKafkaHome() !== undefined) {
    return {
      kind: 'unavailable',
      reason: `KAFKA_HOME holds Kafka ${ofRun.kafka.kafkaVersion} and this needs Kafka ${version}: run again with KAFKA_HOME pointing at a Kafka ${version} distribution, or with KAFKA_HOME unset (jars from Maven Central)`,
    };
  }
  return { kind: 'fetch', kafkaVersion: version };
}

/** The last Kafka line with ZooKeeper, which the milestone's start_zookeeper.sh needs. */
export const LAST_ZOOKEEPER_KAFKA = '3.9.2';

function runKafkaVersion(connection: BrokerConnection): string | undefined {
  return connection.kafkaVersion ?? (connection.tools.kind === 'unavailable' ? undefined : connection.tools.kafkaVersion);
}

/** A Kafka 3.x for ZooKeeper mode: the run's own when it is 3.x (no second download), else 3.9.2. */
export function planKafkaWithZooKeeper(connection: BrokerConnection): ScriptKafkaPlan {
  const version = runKafkaVersion(connection);
  return planScriptKafka(connection, version !== undefined && kafkaMajor(version) === 3 ? version : LAST_ZOOKEEPER_KAFKA);
}

/** A Kafka 4.x, which has no ZooKeeper: the run's own when it is 4.x or later, else the default. */
export function planKafkaWithoutZooKeeper(connection: BrokerConnection): ScriptKafkaPlan {
  const version = runKafkaVersion(connection);
  return planScriptKafka(connection, version !== undefined && kafkaMajor(version) >= 4 ? version : DEFAULT_KAFKA_VERSION);
}

/** The version a plan is about, for a title. */
export function planVersion(plan: ScriptKafkaPlan): string {
  switch (plan.kind) {
    case 'ready':
      return plan.kafka.kafkaVersion;
    case 'fetch':
      return plan.kafkaVersion;
    case 'unavailable':
      return '(none)';
  }
}

/** Carries out a plan: fetches the jars when it has to (Maven, about 20 s the first time). */
export async function resolveScriptKafka(plan: ScriptKafkaPlan): Promise<ScriptKafka> {
  switch (plan.kind) {
    case 'ready':
      return plan.kafka;
    case 'unavailable':
      throw new Error(plan.reason);
    case 'fetch': {
      const found = await findJava();
      if (found.java === undefined) throw new Error(`Kafka ${plan.kafkaVersion}'s jars need Java: ${found.problem}`);
      const cache = process.env.KAFKA_JARS_CACHE?.trim();
      const libs = await fromMavenCache(plan.kafkaVersion, cache === undefined || cache === '' ? defaultJarsCache() : cache, (line) => {
        console.info(line);
      });
      return {
        kafkaHome: libs.kafkaHome,
        kafkaVersion: libs.kafkaVersion,
        env: { KAFKA_HOME: libs.kafkaHome, ...javaEnv(found.java.executable) },
        source: 'jars from Maven Central',
      };
    }
  }
}

/** For a title: "Kafka 3.9.2 (jars from Maven Central)" or why it cannot run. */
export function describePlan(plan: ScriptKafkaPlan): string {
  switch (plan.kind) {
    case 'ready':
      return `Kafka ${plan.kafka.kafkaVersion}, ${plan.kafka.source}`;
    case 'fetch':
      return `Kafka ${plan.kafkaVersion}, jars from Maven Central`;
    case 'unavailable':
      return `cannot run here: ${plan.reason}`;
  }
}
