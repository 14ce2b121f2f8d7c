/**
 * Which Kafka the shell scripts of scripts/shell/ run with in a spec: a KAFKA_HOME, its version,
 * and the JDK. The jvm runtime's jars are a KAFKA_HOME with libs/ but no bin/, which the scripts
 * accept. The container and external runtimes have no Kafka on this machine, so the scripts get
 * the same jars the jvm runtime would (Maven Central, cached): on the container runtime those of
 * the container's Kafka, run from this machine against the container's published port. Only a
 * machine without Java (or without the jars and Maven to fetch them) cannot run them: the plan then
 * says why, and the specs skip with that reason.
 */
import { dirname, isAbsolute } from 'node:path';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { DEFAULT_KAFKA_VERSION, kafkaMajor } from '../broker/kafka-versions.js';
import { findJava, MINIMUM_JAVA } from '../broker/jvm/find-java.js';
import {
  cachedKafkaLibs,
  defaultJarsCache,
  fromKafkaHome,
  fromMavenCache,
  mavenRuns,
} from '../broker/jvm/kafka-jars.js';
import { commandConfigOf } from '../kafka-tools/client-config-file.js';
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
  | { kind: 'fetch'; kafkaVersion: string; env?: ScriptEnv }
  | { kind: 'unavailable'; reason: string };

function userKafkaHome(): string | undefined {
  const home = process.env.KAFKA_HOME?.trim();
  return home === undefined || home === '' ? undefined : home;
}

function javaEnv(java: string): ScriptEnv {
  // The scripts run $JAVA_HOME/bin/java, else java on PATH, as Kafka's kafka-run-class.sh does.
  return isAbsolute(java) ? { JAVA_HOME: dirname(dirname(java)) } : { JAVA_HOME: undefined };
}

function jarsCacheRoot(): string {
  const cache = process.env.KAFKA_JARS_CACHE?.trim();
  return cache === undefined || cache === '' ? defaultJarsCache() : cache;
}

/** Kafka `version` from the jars cache: planned when this machine has Java and the jars or Maven to fetch them. */
async function fetchPlan(version: string): Promise<ScriptKafkaPlan> {
  const found = await findJava();
  if (found.java === undefined) {
    return {
      kind: 'unavailable',
      reason: `Kafka's tools run on this machine and need Java ${MINIMUM_JAVA}+: ${found.problem} (install a JDK, or set JAVA_HOME)`,
    };
  }
  if (cachedKafkaLibs(version, jarsCacheRoot()) === undefined && !(await mavenRuns())) {
    return {
      kind: 'unavailable',
      reason: `Kafka ${version}'s jars are not in ${jarsCacheRoot()} and Maven (mvn) is not installed to fetch them: install Maven, or set KAFKA_HOME to an unpacked Apache Kafka ${version}`,
    };
  }
  return { kind: 'fetch', kafkaVersion: version };
}

function runKafkaVersion(connection: BrokerConnection): string | undefined {
  return (
    connection.kafkaVersion ?? (connection.tools.kind === 'unavailable' ? undefined : connection.tools.kafkaVersion)
  );
}

/**
 * The Kafka the run's own broker came from: the jvm runtime's jars, or KAFKA_HOME; otherwise the
 * same version's jars from the cache (an external cluster's version is unknown: the default's).
 */
export async function scriptKafkaOfRun(connection: BrokerConnection): Promise<ScriptKafkaPlan> {
  const { tools } = connection;
  if (tools.kind === 'jvm') {
    const kafkaHome = dirname(tools.libsDir);
    const source = userKafkaHome() === undefined ? 'jars from Maven Central' : 'KAFKA_HOME';
    return {
      kind: 'ready',
      kafka: {
        kafkaHome,
        kafkaVersion: tools.kafkaVersion,
        env: { KAFKA_HOME: kafkaHome, ...javaEnv(tools.java) },
        source,
      },
    };
  }
  const home = userKafkaHome();
  if (home !== undefined) {
    try {
      const libs = fromKafkaHome(home, undefined);
      return {
        kind: 'ready',
        kafka: {
          kafkaHome: libs.kafkaHome,
          kafkaVersion: libs.kafkaVersion,
          env: { KAFKA_HOME: libs.kafkaHome },
          source: 'KAFKA_HOME',
        },
      };
    } catch (error) {
      return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return fetchPlan(runKafkaVersion(connection) ?? DEFAULT_KAFKA_VERSION);
}

/**
 * As scriptKafkaOfRun, for a script that talks to the run's broker (create_topics.sh): through the
 * run's TLS and SASL settings, the script gets them as KAFKA_COMMAND_CONFIG, a client properties file.
 */
export async function scriptKafkaForRunBroker(connection: BrokerConnection): Promise<ScriptKafkaPlan> {
  const config = commandConfigOf(connection);
  if ('reason' in config) return { kind: 'unavailable', reason: config.reason };
  const plan = await scriptKafkaOfRun(connection);
  if (config.file === undefined) return plan;
  const env: ScriptEnv = { KAFKA_COMMAND_CONFIG: config.file };
  switch (plan.kind) {
    case 'ready':
      return {
        kind: 'ready',
        kafka: {
          ...plan.kafka,
          env: { ...plan.kafka.env, ...env },
          source: `${plan.kafka.source}, TLS/SASL settings in KAFKA_COMMAND_CONFIG`,
        },
      };
    case 'fetch':
      return { ...plan, env: { ...plan.env, ...env } };
    case 'unavailable':
      return plan;
  }
}

/**
 * Kafka `version` for the scripts: the run's own when it is that version; otherwise the same way
 * for `version`, from the jars cache (fetched once). A run whose Kafka comes from KAFKA_HOME has no
 * other version at hand.
 */
export async function planScriptKafka(connection: BrokerConnection, version: string): Promise<ScriptKafkaPlan> {
  const ofRun = await scriptKafkaOfRun(connection);
  if (ofRun.kind === 'unavailable' || planVersion(ofRun) === version) return ofRun;
  if (userKafkaHome() !== undefined) {
    return {
      kind: 'unavailable',
      reason: `KAFKA_HOME holds Kafka ${planVersion(ofRun)} and this needs Kafka ${version}: run again with KAFKA_HOME pointing at a Kafka ${version} distribution, or with KAFKA_HOME unset (jars from Maven Central)`,
    };
  }
  return fetchPlan(version);
}

/** The last Kafka line with ZooKeeper, which the milestone's start_zookeeper.sh needs. */
export const LAST_ZOOKEEPER_KAFKA = '3.9.2';

/** A Kafka 3.x for ZooKeeper mode: the run's own when it is 3.x (no second download), else 3.9.2. */
export function planKafkaWithZooKeeper(connection: BrokerConnection): Promise<ScriptKafkaPlan> {
  const version = runKafkaVersion(connection);
  return planScriptKafka(
    connection,
    version !== undefined && kafkaMajor(version) === 3 ? version : LAST_ZOOKEEPER_KAFKA,
  );
}

/** A Kafka 4.x, which has no ZooKeeper: the run's own when it is 4.x or later, else the default. */
export function planKafkaWithoutZooKeeper(connection: BrokerConnection): Promise<ScriptKafkaPlan> {
  const version = runKafkaVersion(connection);
  return planScriptKafka(
    connection,
    version !== undefined && kafkaMajor(version) >= 4 ? version : DEFAULT_KAFKA_VERSION,
  );
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
      const libs = await fromMavenCache(plan.kafkaVersion, jarsCacheRoot(), (line) => {
        console.info(line);
      });
      return {
        kafkaHome: libs.kafkaHome,
        kafkaVersion: libs.kafkaVersion,
        env: { KAFKA_HOME: libs.kafkaHome, ...javaEnv(found.java.executable), ...plan.env },
        source: 'jars from Maven Central',
      };
    }
  }
}

/** For a title: "Kafka 3.9.2, jars from Maven Central" or why it cannot run. */
export function describePlan(plan: ScriptKafkaPlan): string {
  switch (plan.kind) {
    case 'ready':
      return `Kafka ${plan.kafka.kafkaVersion}, ${plan.kafka.source}`;
    case 'fetch':
      return `Kafka ${plan.kafkaVersion}, jars from Maven Central`;
    case 'unavailable':
      return 'not run here: no Kafka for the scripts on this machine';
  }
}
