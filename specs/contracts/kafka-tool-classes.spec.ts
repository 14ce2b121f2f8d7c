import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classEntryName, libsEntryNames } from '#support/broker/container/image/index.js';
import { PROVEN_KAFKA_VERSIONS } from '#support/broker/index.js';
import { defaultJarsCache, kafkaVersionInLibs } from '#support/broker/jvm/index.js';
import { kafkaToolClassRow, kafkaToolClassRows, kafkaToolNames } from '#support/kafka-tools/index.js';
import { scriptPath, SHELL_SCRIPTS } from '#support/scripts/index.js';

// Every tool this project starts from Kafka's jars takes its main class from one table. Here each
// row is checked against the jars of each Kafka version the suite proves, without a broker: a
// release that moves a class fails in seconds, naming the tool, the version and the class, instead
// of deep inside a CLI spec. The jars come from the cache `npm run kafka:jars` fills (CI fetches
// every proven version first).

const TABLE = 'scripts/shell/lib/kafka-tool-classes.tsv';
const cacheRoot =
  process.env.KAFKA_JARS_CACHE !== undefined && process.env.KAFKA_JARS_CACHE !== ''
    ? process.env.KAFKA_JARS_CACHE
    : defaultJarsCache();

/** The tools scripts/shell/ starts: the first word after kafka_cli_run, kafka_cli_exec or create_topics.sh's kafka_admin. */
function toolsTheShellScriptsStart(): string[] {
  const tools = new Set<string>();
  for (const script of SHELL_SCRIPTS) {
    for (const match of readFileSync(scriptPath(script), 'utf8').matchAll(
      /kafka_(?:cli_run|cli_exec|admin) ([a-z-]+)/g,
    )) {
      if (match[1] !== undefined) tools.add(match[1]);
    }
  }
  return [...tools].sort();
}

describe(`The table of Kafka tool main classes (${TABLE})`, () => {
  it('parses: tool, first version, main class per row, every tool with a row from 0.0.0', () => {
    expect(kafkaToolClassRows().length).toBeGreaterThan(0);
  });

  it('names every tool the suite and scripts/shell/ start, and those the local container image must wrap', () => {
    const started = [
      ...toolsTheShellScriptsStart(),
      // The jvm broker, the jvm tool runner and the container image's required tools.
      'kafka-server-start',
      'kafka-storage',
      'kafka-topics',
      'kafka-configs',
      'kafka-console-producer',
      'kafka-console-consumer',
      'kafka-consumer-groups',
    ];
    expect(kafkaToolNames()).toEqual(expect.arrayContaining(started));
  });
});

describe.each(Object.keys(PROVEN_KAFKA_VERSIONS))(
  'Kafka %s: each tool in the table runs a main class that its jars hold',
  (version) => {
    const libsDir = join(cacheRoot, `kafka_2.13-${version}`, 'libs');
    const cached = kafkaVersionInLibs(libsDir) === version;
    let entries: Set<string> | undefined;
    const jarEntries = (): Set<string> => (entries ??= libsEntryNames(libsDir));

    if (!cached) {
      it('cannot check: its jars are not cached', (ctx) => {
        ctx.skip(
          `Kafka ${version}'s jars are not in ${libsDir}: fetch them with KAFKA_VERSION=${version} npm run kafka:jars (CI does)`,
        );
      });
      return;
    }

    for (const tool of kafkaToolNames()) {
      const row = kafkaToolClassRow(tool, version);
      const mainClass = row.mainClass;
      if (mainClass !== undefined) {
        it(`${tool}: ${mainClass}`, () => {
          expect(
            jarEntries().has(classEntryName(mainClass)),
            `${tool}: Kafka ${version}'s jars in ${libsDir} have no ${mainClass}, the class that ${row.at} gives it`,
          ).toBe(true);
        });
        continue;
      }
      // A tool the table says is gone: its last class must really be gone, or the table drops a tool too early.
      const before = kafkaToolClassRows()
        .filter((r) => r.tool === tool && r.mainClass !== undefined && r.since !== row.since)
        .map((r) => r.mainClass)
        .filter((c): c is string => c !== undefined);
      it(`${tool}: none from ${row.since} on, and indeed its jars hold none of ${before.join(', ')}`, () => {
        for (const gone of before) {
          expect(
            jarEntries().has(classEntryName(gone)),
            `${tool}: the table says Kafka ${version} has none, but its jars in ${libsDir} hold ${gone}`,
          ).toBe(false);
        }
      });
    }
  },
);
