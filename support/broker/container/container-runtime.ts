import { KafkaContainer, type StartedKafkaContainer } from '@testcontainers/kafka';
import { getContainerRuntimeClient } from 'testcontainers';
import { BrokerSetupError } from '../broker-setup-error.js';
import { confluentImageFor } from '../kafka-versions.js';
import type { RunningBroker } from '../running-broker.js';
import type { BrokerSettings } from '../settings.js';
import { waitForBroker } from '../wait-for-broker.js';

/** The port KafkaContainer publishes for clients on the host (its PLAINTEXT listener). */
const KAFKA_CONTAINER_CLIENT_PORT = 9093;
/** The listener KafkaContainer keeps for clients inside the container: the CLI specs exec there. */
const KAFKA_CONTAINER_BROKER_LISTENER = 'localhost:9092';

/** True when testcontainers can reach a Docker-compatible engine. Answers fast when none runs. */
export async function containerRuntimeAvailable(): Promise<{ available: true } | { available: false; reason: string }> {
  try {
    await getContainerRuntimeClient();
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export async function startContainerBroker(
  settings: BrokerSettings,
  namespace: string,
  log: (line: string) => void,
): Promise<RunningBroker> {
  const runtime = await containerRuntimeAvailable();
  if (!runtime.available) {
    throw new BrokerSetupError(
      `KAFKA_RUNTIME=container but no container runtime is reachable (${runtime.reason}). Start Docker (or set DOCKER_HOST), or use KAFKA_RUNTIME=jvm.`,
    );
  }
  const image = settings.containerImage ?? confluentImageFor(settings.kafkaVersion);
  log(`kafka: starting ${image} through testcontainers (container runtime, KRaft)...`);
  const bootStart = Date.now();
  let container: StartedKafkaContainer;
  try {
    container = await new KafkaContainer(image)
      .withKraft()
      .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
      .withStartupTimeout(settings.bootTimeoutMs)
      .start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BrokerSetupError(`Could not start ${image}: ${reason}`);
  }
  const brokers = [`${container.getHost()}:${container.getMappedPort(KAFKA_CONTAINER_CLIENT_PORT)}`];
  try {
    await waitForBroker({ brokers, tls: undefined, sasl: undefined }, { timeoutMs: settings.bootTimeoutMs });
  } catch (error) {
    await container.stop();
    throw error;
  }
  const readySeconds = ((Date.now() - bootStart) / 1000).toFixed(1);
  return {
    connection: {
      runtime: 'container',
      kafkaVersion: settings.kafkaVersion,
      brokers,
      tls: undefined,
      sasl: undefined,
      clusterId: undefined,
      tools: {
        kind: 'container',
        containerId: container.getId(),
        kafkaVersion: settings.kafkaVersion,
        bootstrapInside: KAFKA_CONTAINER_BROKER_LISTENER,
      },
      namespace,
    },
    description: `container runtime, ${image} (Apache Kafka ${settings.kafkaVersion}), bootstrap ${brokers.join(',')}, ready in ${readySeconds} s`,
    stop: async () => {
      await container.stop({ remove: true, removeVolumes: true });
    },
  };
}
