/**
 * `npm run kafka`: the suite's jvm broker in the foreground, to poke at with Kafka's own tools while
 * reading the specs. Ctrl-C stops it and removes its data.
 *
 *   npm run kafka                  # Kafka 4.3.1 on 127.0.0.1:9092
 *   KAFKA_PORT=19092 npm run kafka # another port
 *   KAFKA_VERSION=3.9.2 npm run kafka
 */
import { BrokerSetupError } from '../broker/broker-setup-error.js';
import { requireJava } from '../broker/jvm/jvm-runtime.js';
import { resolveKafkaLibs } from '../broker/jvm/kafka-jars.js';
import { KafkaJvmBroker } from '../broker/jvm/kafka-jvm-broker.js';
import { readBrokerSettings } from '../broker/settings.js';
import { layOutLearnerKafkaHome } from '../kafka-tools/learner-kafka-home.js';
import { endCli } from './end-cli.js';

const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

function portFromEnv(): number {
  const raw = process.env.KAFKA_PORT ?? '9092';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new BrokerSetupError(`KAFKA_PORT=${raw} is not a port number (0 picks a free one).`);
  }
  return port;
}

async function main(): Promise<void> {
  const settings = readBrokerSettings();
  const port = portFromEnv();
  const java = await requireJava();
  const libs = await resolveKafkaLibs(settings, say);
  const home = layOutLearnerKafkaHome(libs);
  say(`Booting Apache Kafka ${libs.kafkaVersion} (single-node KRaft) from ${libs.libsDir}...`);
  const broker = await new KafkaJvmBroker(libs, java).withPort(port).withStartupTimeout(settings.bootTimeoutMs).start();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping Kafka...`);
    void broker.stop().then(() => {
      say('Kafka stopped; its data directory is removed.');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => {
    stop('Ctrl-C');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });

  const address = broker.bootstrapServers;
  const tools =
    home === undefined
      ? `  KAFKA_HOME:  ${libs.kafkaHome}   (libs/ only: run tools as java -cp "$KAFKA_HOME/libs/*" <main class>)`
      : `  KAFKA_HOME:  ${home.kafkaHome}   (bin/ has kafka-topics.sh, kafka-configs.sh, ... for Kafka ${libs.kafkaVersion})

Put Kafka's tools on your PATH (in the shell where you type the commands of docs/learn-kafka.md):
  ${home.pathLine}`;
  say(`
Apache Kafka ${libs.kafkaVersion} is ready at ${address} (ready in ${(broker.readyInMs / 1000).toFixed(1)} s).
  broker log:  ${broker.logFile}
${tools}

Try:
  kafka-topics.sh --bootstrap-server ${address} --list
  KAFKA_BROKERS=${address} npm run verify
  KAFKA_BROKERS=${address} npm run consume     (step 7: the pipeline's consumer, Ctrl-C to stop)
  KAFKA_HOME=${home?.kafkaHome ?? libs.kafkaHome} BOOTSTRAP_SERVER=${address} scripts/shell/create_topics.sh
  KAFKA_RUNTIME=external KAFKA_BROKERS=${address} npm test

Ctrl-C stops it.`);
}

endCli('kafka', main, { exit: 'now' });
