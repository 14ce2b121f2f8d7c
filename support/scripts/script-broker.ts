/**
 * A broker that start_kafka.sh runs for a spec: its environment (free ports, its own directories),
 * readiness, and a kafkajs client for it.
 */
import { join } from 'node:path';
import type { Kafka as KafkaClient } from 'kafkajs';
import { kafkajsConfig } from '../broker/kafkajs-config.js';
import { freePort } from '../broker/jvm/free-port.js';
import { waitForBroker } from '../broker/wait-for-broker.js';
import { Kafka } from '@kafka-event-spec/events';
import type { ForegroundScript } from './foreground-script.js';
import type { ScriptKafka } from './script-kafka.js';
import type { ScriptEnv } from './shell-scripts.js';

/** Small heaps: the run's own broker, and maybe another spec's, share the machine with this one. */
export const SCRIPT_BROKER_HEAP = '-Xmx512m -Xms128m';
export const SCRIPT_ZOOKEEPER_HEAP = '-Xmx256m -Xms64m';
/** Generous: a loaded 2-core CI machine boots a JVM broker in 5 to 30 s. */
export const SCRIPT_SERVER_BOOT_MS = 120_000;

export interface ScriptBrokerSetup {
  env: ScriptEnv;
  /** host:port, as a client on this machine connects to it. */
  bootstrap: string;
}

/**
 * The environment start_kafka.sh gets in a spec: free ports on 127.0.0.1 (several runs share the
 * machine), and data and generated config under `workDir`, whose unique path also names the
 * server's JVM in `ps`.
 */
export async function scriptBrokerSetup(
  kafka: ScriptKafka,
  workDir: string,
  extra: ScriptEnv = {},
): Promise<ScriptBrokerSetup> {
  const port = await freePort();
  return {
    bootstrap: `127.0.0.1:${port}`,
    env: {
      ...kafka.env,
      KAFKA_HOST: '127.0.0.1',
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(await freePort()),
      KAFKA_DATA_DIR: join(workDir, 'kafka-data'),
      KAFKA_CONFIG_DIR: join(workDir, 'config'),
      KAFKA_HEAP_OPTS: SCRIPT_BROKER_HEAP,
      ...extra,
    },
  };
}

/** Waits until the broker answers an admin client; on failure, says why with the server's log. */
export async function untilBrokerAnswers(script: ForegroundScript, bootstrap: string): Promise<{ clusterId: string }> {
  try {
    return await waitForBroker(
      { brokers: [bootstrap], tls: undefined, sasl: undefined },
      { timeoutMs: SCRIPT_SERVER_BOOT_MS, isAlive: () => script.isRunning() },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the broker ${script.script} started never answered: ${reason}\n--- last lines it printed ---\n${script.tail()}`,
      { cause: error },
    );
  }
}

export function scriptBrokerClient(bootstrap: string, clientId: string): KafkaClient {
  return new Kafka(kafkajsConfig({ brokers: [bootstrap], tls: undefined, sasl: undefined }, clientId));
}
