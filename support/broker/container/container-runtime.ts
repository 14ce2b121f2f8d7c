import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KafkaContainer, type StartedKafkaContainer } from '@testcontainers/kafka';
import { getContainerRuntimeClient, Wait } from 'testcontainers';
import { ensureKafkaImage } from './image/kafka-image.js';
import { LOCAL_IMAGE_KEYWORD } from './image/image-name.js';
import { BrokerSetupError } from '../broker-setup-error.js';
import { confluentImageFor, kafkaMajor } from '../kafka-versions.js';
import type { RunningBroker } from '../running-broker.js';
import type { BrokerSettings } from '../settings.js';
import { waitForBroker } from '../wait-for-broker.js';
import { suiteLabels, watchContainer } from './container-cleanup.js';
import { explainStartFailure } from './start-failure.js';

/** The port KafkaContainer publishes for clients on the host (its PLAINTEXT listener). */
const KAFKA_CONTAINER_CLIENT_PORT = 9093;
/** The listener KafkaContainer keeps for clients inside the container: the CLI specs exec there. */
const KAFKA_CONTAINER_BROKER_LISTENER = 'localhost:9092';
/** What kafka.Kafka logs (INFO, KafkaRaftServer) once broker and controller run, in 3.x and 4.x. */
const KAFKA_STARTED = /Kafka Server started/;

/** True when testcontainers can reach a Docker-compatible engine. Answers fast when none runs. */
export async function containerRuntimeAvailable(): Promise<{ available: true } | { available: false; reason: string }> {
  try {
    await getContainerRuntimeClient();
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The id the container's storage was formatted with: KafkaContainer passes it as CLUSTER_ID, so
 * step 1 can check the run talks to this very cluster, as it does on the jvm runtime.
 */
async function formattedClusterId(containerId: string): Promise<string | undefined> {
  const client = await getContainerRuntimeClient();
  const inspected = await client.container.inspect(client.container.getById(containerId));
  const entry = inspected.Config.Env.find((e) => e.startsWith('CLUSTER_ID='));
  return entry?.slice('CLUSTER_ID='.length);
}

interface ChosenImage {
  image: string;
  kafkaVersion: string;
}

/** KAFKA_CONTAINER_IMAGE=local: this project's image, built from the jvm runtime's jars if needed. */
async function chooseImage(settings: BrokerSettings, log: (line: string) => void): Promise<ChosenImage> {
  if (settings.containerImage?.toLowerCase() === LOCAL_IMAGE_KEYWORD) {
    const local = await ensureKafkaImage(settings, log);
    log(`kafka: ${local.built ? 'built' : 'found'} the local image ${local.name} in ${local.seconds.toFixed(1)} s`);
    return { image: local.name, kafkaVersion: local.kafkaVersion };
  }
  return {
    image: settings.containerImage ?? confluentImageFor(settings.kafkaVersion),
    kafkaVersion: settings.kafkaVersion,
  };
}

/**
 * The same single-node settings the jvm runtime gives its broker (support/broker/jvm/kraft-config.ts)
 * that KafkaContainer does not already set: every internal topic at replication factor 1, and no
 * implicit topic creation.
 */
function brokerEnvironment(kafkaVersion: string): Record<string, string> {
  const environment: Record<string, string> = {
    KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
  };
  if (kafkaMajor(kafkaVersion) >= 4) {
    environment.KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR = '1';
    environment.KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR = '1';
  }
  return environment;
}

export async function startContainerBroker(
  settings: BrokerSettings,
  namespace: string,
  options: { logFile: string; log: (line: string) => void },
): Promise<RunningBroker> {
  const { log, logFile } = options;
  const runtime = await containerRuntimeAvailable();
  if (!runtime.available) {
    throw new BrokerSetupError(
      `KAFKA_RUNTIME=container but no container runtime is reachable (${runtime.reason}). Start Docker (or set DOCKER_HOST; .ci/docker-engine.sh start does it on Debian), or use KAFKA_RUNTIME=jvm.`,
    );
  }
  const { image, kafkaVersion } = await chooseImage(settings, log);
  log(`kafka: starting ${image} through testcontainers (container runtime, KRaft, broker log: ${logFile})...`);
  mkdirSync(dirname(logFile), { recursive: true });
  const bootStart = Date.now();
  let container: StartedKafkaContainer;
  try {
    container = await new KafkaContainer(image)
      .withKraft()
      .withEnvironment(brokerEnvironment(kafkaVersion))
      .withLabels(suiteLabels(namespace))
      .withLogConsumer((stream) => stream.pipe(createWriteStream(logFile)))
      // KafkaContainer waits with the strategy it finds here once its start script is in place.
      // Its default, the listening-ports check, execs three commands in the container every 100 ms
      // (measured: ~30 s of engine CPU per boot, on 2 cores) and gives up after 60 s whatever
      // withStartupTimeout says. Kafka's own "started" line costs one log stream; waitForBroker
      // below then proves clients get answers.
      .withWaitStrategy(Wait.forLogMessage(KAFKA_STARTED).withStartupTimeout(settings.bootTimeoutMs))
      .withStartupTimeout(settings.bootTimeoutMs)
      .start();
  } catch (error) {
    throw new BrokerSetupError(explainStartFailure({ image, error, logFile }));
  }
  const watching = watchContainer(container.getId());
  if (watching.watchdog === undefined) log(`kafka: note: ${watching.reason}`);
  const stop = async () => {
    watching.watchdog?.dismiss();
    await container.stop({ remove: true, removeVolumes: true });
  };

  const brokers = [`${container.getHost()}:${container.getMappedPort(KAFKA_CONTAINER_CLIENT_PORT)}`];
  let clusterId: string | undefined;
  try {
    clusterId = await formattedClusterId(container.getId());
    await waitForBroker({ brokers, tls: undefined, sasl: undefined }, { timeoutMs: settings.bootTimeoutMs });
  } catch (error) {
    await stop();
    throw error;
  }
  const readySeconds = ((Date.now() - bootStart) / 1000).toFixed(1);
  return {
    connection: {
      runtime: 'container',
      kafkaVersion,
      brokers,
      tls: undefined,
      sasl: undefined,
      clusterId,
      tools: {
        kind: 'container',
        containerId: container.getId(),
        kafkaVersion,
        bootstrapInside: KAFKA_CONTAINER_BROKER_LISTENER,
      },
      namespace,
    },
    description: `container runtime, ${image} (Apache Kafka ${kafkaVersion}), bootstrap ${brokers.join(',')}, container ready in ${readySeconds} s (log: ${logFile})`,
    stop,
  };
}
