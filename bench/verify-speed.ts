/**
 * How fast `npm run verify` answers, the learner's loop (type a command, run verify), against what
 * Kafka's own tool takes to show the same five topics: `kafka-topics --describe` of them, started as
 * the suite starts a tool (with its class-data archive). Both on one local broker holding the
 * catalog's topics, interleaved, so a machine that gets busier part-way slows each alike. Issue 27
 * sets the goal: verify within 2x the describe. Measured, never asserted.
 *
 *   npm run bench verify-speed        BENCH_RUNS=5 npm run bench verify-speed
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel } from '@kafka-event-spec/events';
import { requireJava } from '../support/broker/jvm/jvm-runtime.js';
import { resolveKafkaLibs } from '../support/broker/jvm/kafka-jars.js';
import { KafkaJvmBroker } from '../support/broker/jvm/kafka-jvm-broker.js';
import { toolStartCommand } from '../support/broker/jvm/run-kafka-class.js';
import { readBrokerSettings } from '../support/broker/settings.js';
import { requireKafkaToolClass } from '../support/kafka-tools/kafka-tool-classes.js';
import { createCatalogTopics } from '../support/topics/catalog-topics.js';
import { loadTopicCatalog } from '../support/topics/topic-catalog.js';
import { runCommand, say, seconds } from './bench-output.js';

const run = promisify(execFile);
const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const spread = (values: readonly number[]): string =>
  `median ${seconds(median(values))} (${values.map((v) => (v / 1000).toFixed(2)).join(', ')})`;

/** `npm run verify` against the broker, to completion; its exit status must be 0 (the topics match). */
async function verifyMs(bootstrap: string): Promise<number> {
  const verify = await runCommand('npm', ['run', '-s', 'verify'], { KAFKA_BROKERS: bootstrap });
  if (verify.exitCode !== 0)
    throw new Error(`npm run verify exited ${verify.exitCode} on the bench's broker:\n${verify.output}`);
  return verify.ms;
}

export async function verifySpeedBench(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? '3');
  const java = await requireJava();
  const libs = await resolveKafkaLibs(readBrokerSettings(), say);
  say(`bench: verify speed, Apache Kafka ${libs.kafkaVersion} from cached jars, ${java}; ${runs} runs each`);
  const broker = await new KafkaJvmBroker(libs, java).start();
  try {
    const bootstrap = broker.bootstrapServers;
    const admin = new Kafka({
      clientId: 'bench-verify-speed',
      brokers: [bootstrap],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      await createCatalogTopics(admin, '');
    } finally {
      await admin.disconnect();
    }
    const names = loadTopicCatalog().map((t) => t.name);
    const [command, ...args] = toolStartCommand({
      java,
      libsDir: libs.libsDir,
      mainClass: requireKafkaToolClass('kafka-topics', libs.kafkaVersion),
      args: ['--bootstrap-server', bootstrap, '--describe', '--topic', names.join('|')],
      archive: true,
    });
    const describe: number[] = [];
    const verify: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = Date.now();
      await run(command ?? java, args, { timeout: 60_000 });
      describe.push(Date.now() - started);
      verify.push(await verifyMs(bootstrap));
    }
    say(`  kafka-topics --describe of the ${names.length} topics (as the suite starts a tool): ${spread(describe)}`);
    say(`  npm run verify (KAFKA_BROKERS=${bootstrap}, exit 0): ${spread(verify)}`);
    say(`  verify / describe: ${(median(verify) / median(describe)).toFixed(1)}x (goal <= 2x)`);
  } finally {
    await broker.discard();
  }
}
