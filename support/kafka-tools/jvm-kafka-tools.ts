import { runKafkaClass } from '../broker/jvm/run-kafka-class.js';
import type { KafkaToolName, KafkaToolRun } from './kafka-tool-command.js';

/**
 * The main class each bin/ script runs. Checked with `unzip -l` and `javap` on the 3.9.2 and 4.3.1
 * jars: TopicCommand is in kafka-tools; ConfigCommand is still the Scala one in the core jar.
 */
export const TOOL_MAIN_CLASSES: Readonly<Record<KafkaToolName, string>> = {
  'kafka-topics': 'org.apache.kafka.tools.TopicCommand',
  'kafka-configs': 'kafka.admin.ConfigCommand',
};

/** Runs a tool from Kafka's jars the way bin/kafka-run-class.sh would. */
export async function runToolFromJars(
  access: { java: string; libsDir: string; kafkaVersion: string },
  bootstrap: string,
  tool: KafkaToolName,
  args: readonly string[],
): Promise<KafkaToolRun> {
  const mainClass = TOOL_MAIN_CLASSES[tool];
  const run = await runKafkaClass(access.java, access.libsDir, mainClass, ['--bootstrap-server', bootstrap, ...args]);
  if (run.exitCode !== 0 && run.stderr.includes(`Could not find or load main class ${mainClass}`)) {
    throw new Error(`${tool}: Kafka ${access.kafkaVersion}'s jars in ${access.libsDir} have no ${mainClass}; update TOOL_MAIN_CLASSES for this version`);
  }
  return run;
}
