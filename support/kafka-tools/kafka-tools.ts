import { join } from 'node:path';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { resolveScriptKafka, scriptKafkaOfRun, type ScriptKafkaPlan } from '../scripts/script-kafka.js';
import { commandConfigOf } from './client-config-file.js';
import { runToolInContainer } from './container-kafka-tools.js';
import { runToolFromJars } from './jvm-kafka-tools.js';
import { shellCommand, type KafkaToolCommand, type KafkaToolName, type KafkaToolRun } from './kafka-tool-command.js';

type RunTool = (tool: KafkaToolName, args: readonly string[]) => Promise<KafkaToolRun>;

/** How often a command whose failure says "ask again" (KafkaToolCommand.askAgainOn) is run in all. */
const ASK_AT_MOST = 5;

/** Kafka's own command-line tools, pointed at the run's broker, wherever they can run. */
export class KafkaTools {
  constructor(
    /** e.g. "Apache Kafka 4.3.1's jars"; for titles and logs. */
    readonly description: string,
    /** The bootstrap address the tools use (inside a container, the container's own listener). */
    readonly bootstrap: string,
    private readonly runTool: RunTool,
  ) {}

  /** Runs the command and reads its output; a non-zero exit fails with the command and what it printed. */
  async run<T>(command: KafkaToolCommand<T>): Promise<T> {
    let run = await this.runTool(command.tool, command.args);
    for (
      let tries = 1;
      run.exitCode !== 0 && tries < ASK_AT_MOST && command.askAgainOn?.test(`${run.stdout}${run.stderr}`) === true;
      tries++
    ) {
      run = await this.runTool(command.tool, command.args);
    }
    if (run.exitCode !== 0) {
      const printed = `${run.stdout}${run.stderr}`.trim().split('\n').slice(-20).join('\n');
      throw new Error(`\`${shellCommand(command, this.bootstrap)}\` exited with ${run.exitCode}:\n${printed}`);
    }
    return command.parse(run.stdout);
  }
}

export type KafkaToolsOrWhyNot = { available: true; tools: KafkaTools } | { available: false; reason: string };

/**
 * The arguments that take the tools through the run's TLS and SASL settings: `--command-config`
 * with a client properties file made from them (kafka-topics and kafka-configs both take it).
 */
function securedArgs(broker: BrokerConnection): { args: string[]; description: string } | { reason: string } {
  const config = commandConfigOf(broker);
  if ('reason' in config) return config;
  if (config.file === undefined) return { args: [], description: '' };
  return { args: ['--command-config', config.file], description: ' (TLS/SASL settings in a --command-config file)' };
}

/** How this run can use Kafka's tools, as the runtime that started the broker decided. */
export function kafkaToolsFor(broker: BrokerConnection): KafkaToolsOrWhyNot {
  const access = broker.tools;
  switch (access.kind) {
    case 'jvm': {
      const bootstrap = broker.brokers.join(',');
      const secured = securedArgs(broker);
      if ('reason' in secured) return { available: false, reason: secured.reason };
      return {
        available: true,
        tools: new KafkaTools(
          `Apache Kafka ${access.kafkaVersion}'s tools run from its jars${secured.description}`,
          bootstrap,
          (tool, args) => runToolFromJars({ ...access, bootstrap }, tool, [...args, ...secured.args]),
        ),
      };
    }
    case 'container':
      return {
        available: true,
        tools: new KafkaTools(
          `the tools inside the broker's container (Kafka ${access.kafkaVersion})`,
          access.bootstrapInside,
          (tool, args) => runToolInContainer(access, tool, args),
        ),
      };
    case 'unavailable':
      return { available: false, reason: access.reason };
  }
}

/** Kafka's jars and a Java to run them with, fetched (once, cached) on the first tool run. */
function lazyJars(
  plan: Exclude<ScriptKafkaPlan, { kind: 'unavailable' }>,
): () => Promise<{ java: string; libsDir: string; kafkaVersion: string }> {
  let jars: Promise<{ java: string; libsDir: string; kafkaVersion: string }> | undefined;
  return () =>
    (jars ??= resolveScriptKafka(plan).then((kafka) => ({
      java: kafka.env.JAVA_HOME === undefined ? 'java' : join(kafka.env.JAVA_HOME, 'bin', 'java'),
      libsDir: join(kafka.kafkaHome, 'libs'),
      kafkaVersion: kafka.kafkaVersion,
    })));
}

/**
 * As kafkaToolsFor; and for an external cluster the runtime has no tools for (no KAFKA_HOME), the
 * tools from the jars the jvm runtime uses, cached on this machine, when it has Java and the jars
 * or Maven to fetch them; through TLS and SASL with a --command-config file made from the run's settings.
 */
export async function kafkaToolsForRun(broker: BrokerConnection): Promise<KafkaToolsOrWhyNot> {
  const access = kafkaToolsFor(broker);
  if (access.available || broker.runtime !== 'external') return access;
  const secured = securedArgs(broker);
  if ('reason' in secured) return { available: false, reason: secured.reason };
  const plan = await scriptKafkaOfRun(broker);
  if (plan.kind === 'unavailable') return { available: false, reason: `KAFKA_HOME is not set, and ${plan.reason}` };
  const version = plan.kind === 'ready' ? plan.kafka.kafkaVersion : plan.kafkaVersion;
  const jars = lazyJars(plan);
  const bootstrap = broker.brokers.join(',');
  return {
    available: true,
    tools: new KafkaTools(
      `Apache Kafka ${version}'s tools run from its jars, cached on this machine${secured.description}`,
      bootstrap,
      async (tool, args) => runToolFromJars({ ...(await jars()), bootstrap }, tool, [...args, ...secured.args]),
    ),
  };
}
