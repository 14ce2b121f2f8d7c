/**
 * A bin/ of Kafka's tools for a KAFKA_HOME that has only libs/ (the jars Maven Central has; it has
 * no distribution): bin/kafka-topics.sh and the others, by their real names. Each is three lines
 * that hand over to scripts/shell/lib/kafka-cli.sh, the one place that knows which main class a
 * tool runs in which Kafka version (lib/kafka-tool-classes.tsv), its JVM options and its logging.
 * `npm run kafka` lays one out for the learner; the suite's stand-in bin/ directories
 * (support/scripts/bin-layout-kafka-home.ts) are the same scripts.
 */
import { chmodSync, mkdirSync, renameSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { kafkaToolClass } from './kafka-tool-classes.js';
import { SHELL_SCRIPTS_DIR } from '../scripts/shell-scripts.js';

/** The tools the milestone's by-hand commands and scripts use; those a version lacks are left out. */
export const MILESTONE_TOOLS = [
  'kafka-topics',
  'kafka-configs',
  'kafka-console-producer',
  'kafka-console-consumer',
  'kafka-broker-api-versions',
  'kafka-storage',
  'kafka-consumer-groups',
  'kafka-server-start',
  'zookeeper-server-start',
] as const;

export interface KafkaBinOptions {
  /** '.sh' as in Apache Kafka's distribution, '' as in Confluent's packages. */
  suffix: '.sh' | '';
  tools?: readonly string[];
  /** When set, each command first appends "<its name> <its arguments>" to this file (for specs). */
  invocationLog?: string;
}

/** A word for bash in single quotes, whatever it holds. */
function shellQuoted(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

function toolScript(script: {
  kafkaHome: string;
  tool: string;
  name: string;
  invocationLog: string | undefined;
}): string {
  const { kafkaHome, tool, name, invocationLog } = script;
  const lib = join(SHELL_SCRIPTS_DIR, 'lib', 'kafka-cli.sh');
  return [
    '#!/usr/bin/env bash',
    `# ${name}: Kafka's ${tool} from the jars in ${kafkaHome}/libs, through ${lib}`,
    '# (the main class for this Kafka version, quiet logging, short-lived-JVM options). Written by',
    '# support/kafka-tools/kafka-bin.ts; npm run kafka writes it again.',
    'set -eu',
    ...(invocationLog === undefined ? [] : [`printf '%s\\n' "${name} $*" >> ${shellQuoted(invocationLog)}`]),
    '# shellcheck disable=SC2034 # read by kafka-cli.sh',
    `KAFKA_HOME=${shellQuoted(kafkaHome)}`,
    '# shellcheck source=/dev/null',
    `source ${shellQuoted(lib)}`,
    `kafka_cli_exec_from_libs ${tool} "$@"`,
    '',
  ].join('\n');
}

/**
 * Writes `file` only when its text changes, by rename, so a command or a broker reading it
 * meanwhile never sees half of it (runs of several checkouts share the jars' cache).
 */
export function writeFileIfChanged(file: string, text: string, mode = 0o644): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, text);
  chmodSync(partial, mode);
  renameSync(partial, file);
}

/**
 * Writes kafkaHome/bin/<tool><suffix> for each tool Kafka `kafkaVersion` has (kafkaHome/libs must
 * hold its jars); returns the bin/ directory.
 */
export function writeKafkaBin(kafkaHome: string, kafkaVersion: string, options: KafkaBinOptions): string {
  const bin = join(kafkaHome, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of options.tools ?? MILESTONE_TOOLS) {
    if (kafkaToolClass(tool, kafkaVersion) === undefined) continue;
    const name = `${tool}${options.suffix}`;
    writeFileIfChanged(
      join(bin, name),
      toolScript({ kafkaHome, tool, name, invocationLog: options.invocationLog }),
      0o755,
    );
  }
  return bin;
}
