import { BrokerSetupError } from '../broker-setup-error.js';
import type { KafkaToolsAccess } from '../broker-connection.js';
import { fromKafkaHome } from '../jvm/kafka-jars.js';
import { findJava } from '../jvm/find-java.js';
import type { RunningBroker } from '../running-broker.js';
import type { BrokerSettings } from '../settings.js';
import { waitForBroker } from '../wait-for-broker.js';

const EXTERNAL_PROBE_MS = 20_000;

/** With KAFKA_HOME set, the CLI specs run that distribution's tools against the external cluster. */
async function toolsFor(settings: BrokerSettings): Promise<KafkaToolsAccess> {
  if (settings.kafkaHome === undefined) {
    return {
      kind: 'unavailable',
      reason: 'KAFKA_RUNTIME=external and KAFKA_HOME is not set, so Kafka\'s command-line tools are not available to this run; set KAFKA_HOME to a Kafka distribution to prove the CLI steps too',
    };
  }
  if (settings.tls !== undefined || settings.sasl !== undefined) {
    return {
      kind: 'unavailable',
      reason: 'the CLI specs do not pass TLS/SASL settings to Kafka\'s tools (they would need a --command-config file); the admin-API specs cover the same steps',
    };
  }
  const found = await findJava();
  if (found.java === undefined) return { kind: 'unavailable', reason: `KAFKA_HOME is set but ${found.problem}` };
  const libs = fromKafkaHome(settings.kafkaHome, undefined);
  return { kind: 'jvm', java: found.java.executable, libsDir: libs.libsDir, kafkaVersion: libs.kafkaVersion };
}

/** A cluster someone else runs: the suite starts nothing and stops nothing. */
export async function useExternalBroker(settings: BrokerSettings, namespace: string): Promise<RunningBroker> {
  const brokers = settings.brokers;
  if (brokers === undefined) {
    throw new BrokerSetupError('KAFKA_RUNTIME=external needs KAFKA_BROKERS=host:port[,host:port...].');
  }
  const connection = { brokers, tls: settings.tls, sasl: settings.sasl };
  let readiness;
  try {
    readiness = await waitForBroker(connection, { timeoutMs: EXTERNAL_PROBE_MS });
  } catch (error) {
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
    stop: () => Promise.resolve(),
  };
}
