import { runKafkaMainClass } from '../broker/jvm/run-kafka-class.js';
import { KAFKA_TOOL_CLASSES_FILE, requireKafkaToolClass } from './kafka-tool-classes.js';
import type { KafkaToolName, KafkaToolRun } from './kafka-tool-command.js';

/** Runs a tool from Kafka's jars the way bin/kafka-run-class.sh would, with the class the one table gives for this version. */
export async function runToolFromJars(
  access: { java: string; libsDir: string; kafkaVersion: string; bootstrap: string },
  tool: KafkaToolName,
  args: readonly string[],
): Promise<KafkaToolRun> {
  const mainClass = requireKafkaToolClass(tool, access.kafkaVersion);
  const run = await runKafkaMainClass({
    java: access.java,
    libsDir: access.libsDir,
    mainClass,
    args: ['--bootstrap-server', access.bootstrap, ...args],
  });
  if (run.exitCode !== 0 && run.stderr.includes(`Could not find or load main class ${mainClass}`)) {
    throw new Error(
      `${tool}: Kafka ${access.kafkaVersion}'s jars in ${access.libsDir} have no ${mainClass}; fix its row in ${KAFKA_TOOL_CLASSES_FILE}`,
    );
  }
  return run;
}
