import { BrokerSetupError } from '../broker-setup-error.js';
import type { RunningBroker } from '../running-broker.js';
import type { BrokerSettings } from '../settings.js';
import { join } from 'node:path';
import { buildClassDataArchives, classDataPlan } from './class-data-build.js';
import { findJava } from './find-java.js';
import { resolveKafkaLibs } from './kafka-jars.js';
import { KafkaJvmBroker } from './kafka-jvm-broker.js';

export async function requireJava(): Promise<string> {
  const found = await findJava();
  if (found.java === undefined) {
    throw new BrokerSetupError(
      `The jvm runtime needs Java 17+: ${found.problem}. Install a JDK 17+ (or set JAVA_HOME), or use KAFKA_RUNTIME=container or KAFKA_RUNTIME=external.`,
    );
  }
  return found.java.executable;
}

export async function startJvmBroker(
  settings: BrokerSettings,
  namespace: string,
  options: { logFile: string; log: (line: string) => void },
): Promise<RunningBroker> {
  const java = await requireJava();
  const libs = await resolveKafkaLibs(settings, options.log);
  options.log(
    `kafka: booting Apache Kafka ${libs.kafkaVersion} (jvm runtime, KRaft, jars from ${libs.source}: ${libs.libsDir})...`,
  );
  // The first boot for these jars and this Java also builds their class-data archives (class-data-build.ts).
  const classData = classDataPlan(libs, java);
  const brokerClassList =
    classData?.kinds.includes('broker') === true ? join(classData.dir, `broker.classlist-${process.pid}`) : undefined;
  const broker = await new KafkaJvmBroker(libs, java)
    .withLogFile(options.logFile)
    .withStartupTimeout(settings.bootTimeoutMs)
    .withClassList(brokerClassList)
    .start();
  if (classData !== undefined) {
    await buildClassDataArchives(classData, {
      libs,
      java,
      bootstrap: broker.bootstrapServers,
      brokerClassList,
      log: options.log,
    });
  }
  return {
    connection: {
      runtime: 'jvm',
      kafkaVersion: libs.kafkaVersion,
      brokers: [broker.bootstrapServers],
      tls: undefined,
      sasl: undefined,
      clusterId: broker.clusterId,
      tools: { kind: 'jvm', java, libsDir: libs.libsDir, kafkaVersion: libs.kafkaVersion },
      namespace,
    },
    description:
      `jvm runtime, Apache Kafka ${libs.kafkaVersion}, bootstrap ${broker.bootstrapServers}, ` +
      `ready in ${(broker.readyInMs / 1000).toFixed(1)} s (log: ${options.logFile})`,
    // The run's broker holds only this run's scratch topics: no clean shutdown to wait for.
    stop: () => broker.discard(),
  };
}
