/**
 * The main class behind each of Kafka's bin/ scripts, by Kafka version, read from the one table
 * that the deliverable shell scripts read too: scripts/shell/lib/kafka-tool-classes.tsv (it lives
 * there because scripts/shell/ must work on its own, copied out of this repository). Everything
 * here that starts a tool from the jars asks this module: the jvm broker (kafka.Kafka, kafka-storage),
 * the jvm tool runner, the stand-in bin/ directories and the locally built container image.
 */
import { readFileSync } from 'node:fs';
import { compareVersions } from 'compare-versions';
import { repoPath } from '../repository/repo-root.js';

export const KAFKA_TOOL_CLASSES_FILE = repoPath('scripts', 'shell', 'lib', 'kafka-tool-classes.tsv');

export interface KafkaToolClassRow {
  tool: string;
  /** The first Kafka version the row applies to; 0.0.0 for every release before the tool's next row. */
  since: string;
  /** undefined: the tool is gone from `since` on (a - in the table). */
  mainClass: string | undefined;
  /** file:line, for messages. */
  at: string;
}

const VERSION = /^\d+\.\d+\.\d+$/;
const CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/;

/** Parses the table, or throws naming the line that is wrong. */
export function parseKafkaToolClasses(text: string, file: string = KAFKA_TOOL_CLASSES_FILE): KafkaToolClassRow[] {
  const rows: KafkaToolClassRow[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const at = `${file}:${index + 1}`;
    const columns = line.split('\t');
    const [tool, since, mainClass] = columns;
    if (columns.length !== 3 || tool === undefined || since === undefined || mainClass === undefined) {
      throw new Error(
        `${at}: expected 3 tab-separated columns (tool, first version, main class), found ${columns.length}`,
      );
    }
    if (!VERSION.test(since)) throw new Error(`${at}: "${since}" is not a version like 4.4.0`);
    if (mainClass !== '-' && !CLASS_NAME.test(mainClass))
      throw new Error(`${at}: "${mainClass}" is not a Java class name (or -)`);
    if (rows.some((row) => row.tool === tool && row.since === since))
      throw new Error(`${at}: ${tool} has two rows from ${since}`);
    rows.push({ tool, since, mainClass: mainClass === '-' ? undefined : mainClass, at });
  });
  for (const tool of new Set(rows.map((row) => row.tool))) {
    if (!rows.some((row) => row.tool === tool && row.since === '0.0.0')) {
      throw new Error(`${file}: ${tool} has no row from 0.0.0, so older versions would have no class for it`);
    }
  }
  return rows;
}

let table: readonly KafkaToolClassRow[] | undefined;

export function kafkaToolClassRows(): readonly KafkaToolClassRow[] {
  table ??= parseKafkaToolClasses(readFileSync(KAFKA_TOOL_CLASSES_FILE, 'utf8'));
  return table;
}

/** Every tool the table names, in its order. */
export function kafkaToolNames(): string[] {
  return [...new Set(kafkaToolClassRows().map((row) => row.tool))];
}

/** The row that holds for `tool` in Kafka `kafkaVersion`: the one with the newest `since` not after it. */
export function kafkaToolClassRow(tool: string, kafkaVersion: string): KafkaToolClassRow {
  const rows = kafkaToolClassRows().filter((row) => row.tool === tool && compareVersions(row.since, kafkaVersion) <= 0);
  const row = rows.sort((a, b) => compareVersions(b.since, a.since))[0];
  if (row === undefined) throw new Error(`${KAFKA_TOOL_CLASSES_FILE} has no row for ${tool}`);
  return row;
}

/** The main class of `tool` in Kafka `kafkaVersion`, or undefined when that version no longer has it. */
export function kafkaToolClass(tool: string, kafkaVersion: string): string | undefined {
  return kafkaToolClassRow(tool, kafkaVersion).mainClass;
}

/** Like kafkaToolClass, for a tool the caller cannot do without: throws when the version has none. */
export function requireKafkaToolClass(tool: string, kafkaVersion: string): string {
  const row = kafkaToolClassRow(tool, kafkaVersion);
  if (row.mainClass === undefined) throw new Error(`Kafka ${kafkaVersion} has no ${tool} (${row.at})`);
  return row.mainClass;
}
