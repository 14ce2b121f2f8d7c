/**
 * `npm run kafka:jars`: fetch (once) the jars of KAFKA_VERSION from Maven Central into the cache,
 * lay out a KAFKA_HOME beside them whose bin/ runs Kafka's tools from them, and print that
 * KAFKA_HOME (or, for a KAFKA_HOME with jars but no bin/, that one). .ci/run calls it before the
 * tests so the jar download is its own visible step.
 */
import { BrokerSetupError } from '../broker/broker-setup-error.js';
import { resolveKafkaLibs } from '../broker/jvm/kafka-jars.js';
import { readBrokerSettings } from '../broker/settings.js';
import { layOutLearnerKafkaHome } from '../kafka-tools/learner-kafka-home.js';

try {
  const libs = await resolveKafkaLibs(readBrokerSettings(), (line) => process.stderr.write(`${line}\n`));
  process.stderr.write(`kafka: Apache Kafka ${libs.kafkaVersion} jars ready (${libs.source})\n`);
  const home = layOutLearnerKafkaHome(libs);
  if (home !== undefined) process.stderr.write(`kafka: its tools: ${home.pathLine}\n`);
  process.stdout.write(`${home?.kafkaHome ?? libs.kafkaHome}\n`);
} catch (error) {
  const message = error instanceof BrokerSetupError ? error.message : String(error);
  process.stderr.write(`kafka: ${message}\n`);
  process.exit(1);
}
