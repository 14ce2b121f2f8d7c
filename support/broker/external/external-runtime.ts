import { Kafka } from '@kafka-event-spec/events';
import { BrokerSetupError } from '../broker-setup-error.js';
import type { BrokerConnection, KafkaToolsAccess } from '../broker-connection.js';
import { kafkajsConfig } from '../kafkajs-config.js';
import { fromKafkaHome } from '../jvm/kafka-jars.js';
import { findJava } from '../jvm/find-java.js';
import { RUN_NAMESPACE_PREFIX, type RunningBroker } from '../running-broker.js';
import { explainRefusal, isPermanentRefusal } from './connection-failure.js';
import { kafkaProbeMessage, probeBrokers } from '../kafka-probe.js';
import type { BrokerSettings } from '../settings.js';
import { waitForBroker } from '../wait-for-broker.js';

const EXTERNAL_PROBE_MS = 20_000;

/** With KAFKA_HOME set, the CLI specs run that distribution's tools against the external cluster. */
async function toolsFor(settings: BrokerSettings): Promise<KafkaToolsAccess> {
  if (settings.kafkaHome === undefined) {
    return {
      kind: 'unavailable',
      reason:
        "KAFKA_RUNTIME=external and KAFKA_HOME is not set, so Kafka's command-line tools are not available to this run; set KAFKA_HOME to a Kafka distribution to prove the CLI steps too",
    };
  }
  const found = await findJava();
  if (found.java === undefined) return { kind: 'unavailable', reason: `KAFKA_HOME is set but ${found.problem}` };
  const libs = fromKafkaHome(settings.kafkaHome, undefined);
  return { kind: 'jvm', java: found.java.executable, libsDir: libs.libsDir, kafkaVersion: libs.kafkaVersion };
}

/**
 * Deletes the consumer groups this run created (their ids start with its namespace), as its specs
 * delete their topics: on a shared cluster they would otherwise pile up. A group that still has
 * members cannot be deleted; it is named, not hidden.
 */
export async function deleteRunGroups(
  connection: Pick<BrokerConnection, 'brokers' | 'tls' | 'sasl' | 'namespace'>,
  log: (line: string) => void,
): Promise<string[]> {
  const admin = new Kafka(kafkajsConfig(connection, 'kafka-spec-cleanup')).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(connection.namespace));
    if (ours.length === 0) return [];
    let failed: { groupId: string; errorCode: number; error?: { type?: string } }[] = [];
    try {
      await admin.deleteGroups(ours);
    } catch (error) {
      // kafkajs rejects when any group fails, with the failed ones on the error.
      const groups = (error as { groups?: typeof failed }).groups;
      if (groups === undefined) throw error;
      failed = groups;
      log(
        `kafka: could not delete ${failed.length} consumer group(s) of this run: ${failed.map((r) => `${r.groupId} (${r.error?.type ?? r.errorCode})`).join(', ')}`,
      );
    }
    return ours.filter((id) => !failed.some((r) => r.groupId === id));
  } finally {
    await admin.disconnect();
  }
}

/**
 * The run creates topics and consumer groups under its namespace: ask the cluster now whether it
 * may (a topic created with validateOnly, so nothing is created; the coordinator of a group of the
 * namespace), so that a missing ACL is one line at the start, not a failure in every spec.
 */
async function mayUseNamespace(
  connection: Pick<BrokerConnection, 'brokers' | 'tls' | 'sasl'>,
  namespace: string,
): Promise<void> {
  const admin = new Kafka(kafkajsConfig(connection, 'kafka-spec-acl-probe', { retry: { retries: 2 } })).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      validateOnly: true,
      waitForLeaders: false,
      topics: [{ topic: `${namespace}.acl-probe`, numPartitions: 1 }],
    });
    try {
      await admin.describeGroups([`${namespace}.acl-probe`]);
    } catch (error) {
      // kafkajs hides FindCoordinator's GROUP_AUTHORIZATION_FAILED behind "Failed to find group
      // coordinator"; here, right after the cluster answered, that means the group ACL is missing.
      if (error instanceof Error && /group coordinator/i.test(error.message)) {
        throw new Error(`GROUP_AUTHORIZATION_FAILED (FindCoordinator for ${namespace}.acl-probe: ${error.message})`, {
          cause: error,
        });
      }
      throw error;
    }
  } finally {
    await admin.disconnect();
  }
}

/** A cluster someone else runs: the suite starts nothing and stops nothing. */
export async function useExternalBroker(
  settings: BrokerSettings,
  namespace: string,
  log: (line: string) => void = () => undefined,
): Promise<RunningBroker> {
  const brokers = settings.brokers;
  if (brokers === undefined) {
    throw new BrokerSetupError('KAFKA_RUNTIME=external needs KAFKA_BROKERS=host:port[,host:port...].');
  }
  const connection = { brokers, tls: settings.tls, sasl: settings.sasl };
  // Before kafkajs' retries: a port where something else answers is named "not Kafka" within seconds.
  const probe = await probeBrokers(brokers, { tls: settings.tls });
  if (!probe.ok) {
    const notKafka = probe.results.filter((r) => r.kind === 'not-kafka' || r.kind === 'no-answer');
    if (notKafka.length > 0)
      throw new BrokerSetupError(`KAFKA_BROKERS=${brokers.join(',')}: ${notKafka.map(kafkaProbeMessage).join('; ')}`);
  }
  let readiness;
  try {
    readiness = await waitForBroker(connection, {
      timeoutMs: EXTERNAL_PROBE_MS,
      readinessGroup: false,
      giveUpOn: isPermanentRefusal,
    });
    await mayUseNamespace(connection, namespace);
  } catch (error) {
    const explained = explainRefusal(error, settings, RUN_NAMESPACE_PREFIX);
    if (explained !== undefined) throw new BrokerSetupError(explained);
    const reason = error instanceof Error ? error.message : String(error);
    throw new BrokerSetupError(
      `KAFKA_BROKERS=${brokers.join(',')} is unreachable: ${reason}. Check the address, that the broker runs, and its advertised.listeners.`,
    );
  }
  return {
    connection: {
      runtime: 'external',
      kafkaVersion: undefined,
      brokers,
      tls: settings.tls,
      sasl: settings.sasl,
      clusterId: undefined,
      tools: await toolsFor(settings),
      namespace,
    },
    description: `external cluster ${readiness.clusterId} (${readiness.brokerCount} broker(s)) at ${brokers.join(',')}; this run started nothing`,
    stop: async () => {
      const deleted = await deleteRunGroups({ ...connection, namespace }, log);
      if (deleted.length > 0)
        log(`kafka: deleted the ${deleted.length} consumer group(s) this run created on the external cluster`);
    },
  };
}
