/**
 * `npm run kafka:jars`: fetch (once) the jars of KAFKA_VERSION from Maven Central into the cache and
 * print the KAFKA_HOME-like directory that holds them. .ci/run calls it before the tests so the jar
 * download is its own visible step.
 */
import { BrokerSetupError } from '../broker/broker-setup-error.js';
import { resolveKafkaLibs } from '../broker/jvm/kafka-jars.js';
import { readBrokerSettings } from '../broker/settings.js';

try {
  const libs = await resolveKafkaLibs(readBrokerSettings(), (line) => process.stderr.write(`${line}\n`));
  process.stderr.write(`kafka: Apache Kafka ${libs.kafkaVersion} jars ready (${libs.source})\n`);
  process.stdout.write(`${libs.kafkaHome}\n`);
} catch (error) {
  const message = error instanceof BrokerSetupError ? error.message : String(error);
  process.stderr.write(`kafka: ${message}\n`);
  process.exit(1);
}
