/**
 * How fast the suite gives its verdict, against a yardstick measured in the same run: a broker
 * started by hand (reference-boot.ts). Prints the reference boot, the suite's own broker boot, one
 * Kafka tool start, one step's spec, a whole `npm test` with its per-file times, and the ratios
 * issue 15 sets goals for. Measured, never asserted: a timed test fails on a busy machine.
 *
 *   npm run bench suite-speed        BENCH_RUNS=5 npm run bench suite-speed
 *   BENCH_NPM_TEST=0 npm run bench suite-speed     (everything but the whole npm test)
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { requireJava } from '../support/broker/jvm/jvm-runtime.js';
import { resolveKafkaLibs, type KafkaLibs } from '../support/broker/jvm/kafka-jars.js';
import { KafkaJvmBroker } from '../support/broker/jvm/kafka-jvm-broker.js';
import { classDataArchive } from '../support/broker/jvm/class-data.js';
import { toolStartCommand } from '../support/broker/jvm/run-kafka-class.js';
import { readBrokerSettings } from '../support/broker/settings.js';
import { requireKafkaToolClass } from '../support/kafka-tools/kafka-tool-classes.js';
import { REPO_ROOT } from '../support/repository/repo-root.js';
import { reportPath } from '../support/reporting/report-files.js';
import { runCommand, say, seconds } from './bench-output.js';
import { referenceBootMs } from './reference-boot.js';

/** The step spec timed alone: what a learner runs after changing one thing. */
const ONE_STEP_SPEC = 'specs/kafka/step-4-raise-retention-to-three-days.spec.ts';
const TOOL_RUNS = 5;
const run = promisify(execFile);
const NPM_TEST_LOG = join(REPO_ROOT, reportPath('reports/bench-npm-test.log'));

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const spread = (values: readonly number[]): string =>
  `median ${seconds(median(values))} (${values.map((v) => (v / 1000).toFixed(2)).join(', ')})`;
const ratio = (value: number, of: number): string => `${(value / of).toFixed(1)}x`;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

/** vitest's default reporter prints one line per file: ` ✓ kafka specs/kafka/x.spec.ts (13 tests) 35207ms`. */
function perFileTimes(output: string): { file: string; ms: number }[] {
  const line = /^\s*[✓×❯↓]\s+\S+\s+(specs\/\S+)\s+\(\d+ tests?[^)]*\)\s+(\d+)ms/gmu;
  return [...output.matchAll(line)].map((m) => ({ file: m[1] ?? '', ms: Number(m[2]) })).sort((a, b) => b.ms - a.ms);
}

/** One tool start to time: the jars and Java, the broker it lists the topics of, and whether to map the archive. */
interface TimedToolStart {
  readonly libs: KafkaLibs;
  readonly java: string;
  readonly bootstrap: string;
  readonly archive: boolean;
}

/** One tool start, to completion, with or without the tools' class-data archive (support/broker/jvm/class-data.ts). */
async function toolStartMs({ libs, java, bootstrap, archive }: TimedToolStart): Promise<number> {
  const [command, ...args] = toolStartCommand({
    java,
    libsDir: libs.libsDir,
    mainClass: requireKafkaToolClass('kafka-topics', libs.kafkaVersion),
    args: ['--bootstrap-server', bootstrap, '--list'],
    archive,
  });
  const started = Date.now();
  await run(command ?? java, args, { timeout: 60_000 });
  return Date.now() - started;
}

/** A broker boot as globalSetup does it, with its class-data archive or without (as with KAFKA_CLASS_DATA=off). */
async function suiteBootMs(libs: KafkaLibs, java: string, archive: boolean): Promise<number> {
  const boot = await timed(() => new KafkaJvmBroker(libs, java).withClassData(archive).start());
  await boot.value.discard();
  return boot.ms;
}

export async function suiteSpeedBench(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? '3');
  const java = await requireJava();
  const libs = await resolveKafkaLibs(readBrokerSettings(), say);
  say(`bench: suite speed, Apache Kafka ${libs.kafkaVersion} from cached jars, ${java}; ${runs} boots each`);

  if (
    classDataArchive(libs.libsDir, java, 'tools') === undefined ||
    classDataArchive(libs.libsDir, java, 'broker') === undefined
  ) {
    say(
      '  (no class-data archives for these jars and this Java yet: the first jvm run builds them; run npm test once, then the bench)',
    );
  }
  const reference: number[] = [];
  const withArchive: number[] = [];
  const withoutArchive: number[] = [];
  // Interleaved, so a machine that gets busier part-way slows each alike.
  for (let i = 0; i < runs; i++) {
    reference.push(await referenceBootMs(libs, java));
    withArchive.push(await suiteBootMs(libs, java, true));
    withoutArchive.push(await suiteBootMs(libs, java, false));
  }
  say(`  reference boot (format + kafka-server-start with Kafka's default JVM options, by hand): ${spread(reference)}`);
  say(`  suite broker boot (jvm runtime, as globalSetup starts it): ${spread(withArchive)}`);
  say(`  suite broker boot without its class-data archive (KAFKA_CLASS_DATA=off): ${spread(withoutArchive)}`);

  const broker = await new KafkaJvmBroker(libs, java).start();
  const toolWith: number[] = [];
  const toolWithout: number[] = [];
  try {
    for (let i = 0; i < TOOL_RUNS; i++) {
      toolWith.push(await toolStartMs({ libs, java, bootstrap: broker.bootstrapServers, archive: true }));
      toolWithout.push(await toolStartMs({ libs, java, bootstrap: broker.bootstrapServers, archive: false }));
    }
  } finally {
    await broker.discard();
  }
  say(`  one Kafka tool start (kafka-topics --list, as the suite runs it): ${spread(toolWith)}`);
  say(`  the same without the class-data archive: ${spread(toolWithout)}`);

  const oneStep = await runCommand('npx', ['vitest', 'run', ONE_STEP_SPEC]);
  if (oneStep.exitCode !== 0) throw new Error(`${ONE_STEP_SPEC} failed:\n${oneStep.output}`);
  say(`  one step's spec alone (npx vitest run ${ONE_STEP_SPEC}): ${seconds(oneStep.ms)}`);

  let npmTest: { ms: number; exitCode: number; output: string } | undefined;
  if (process.env.BENCH_NPM_TEST !== '0') {
    say('  npm test (the whole suite; a few minutes)...');
    npmTest = await runCommand('npm', ['test']);
    const verdict = /^checklist: .*$/m.exec(npmTest.output)?.[0] ?? '(no checklist line)';
    writeFileSync(NPM_TEST_LOG, npmTest.output);
    say(
      `  npm test: ${seconds(npmTest.ms)}, exit ${npmTest.exitCode}; ${verdict} (its output: ${relative(REPO_ROOT, NPM_TEST_LOG)})`,
    );
    say("  per spec file (vitest's own times; files run side by side, so they add up to more than the wall):");
    for (const { file, ms } of perFileTimes(npmTest.output).slice(0, 15))
      say(`    ${seconds(ms).padStart(9)}  ${file}`);
  }

  const ref = median(reference);
  const boot = median(withArchive);
  say(`reference boot: ${seconds(ref)}`);
  if (npmTest !== undefined) say(`  npm test wall / reference boot: ${ratio(npmTest.ms, ref)} (goal <= 10x)`);
  say(
    `  suite broker boot: ${seconds(boot)} = ${ratio(boot, ref)} reference boot (goal <= 3 s); without the archive ${seconds(median(withoutArchive))}`,
  );
  say(
    `  tool start: ${seconds(median(toolWith))} (goal <= 0.8 s); without the archive ${seconds(median(toolWithout))} = ${ratio(median(toolWithout), median(toolWith))} slower`,
  );
  say(`  one step's spec / suite broker boot: ${ratio(oneStep.ms, boot)} (goal <= 2x)`);
}
