/**
 * EventConsumer against the client it wraps and against Kafka's own consumer, on one jvm broker,
 * in one run: 20,000 order-received events on 3 partitions. Records/s, and each as a ratio of raw
 * kafkajs eachMessage (autoCommit, JSON.parse), the plainest consumer anyone would write.
 * EventConsumer's goals (issue 28): >= 0.8x raw eachMessage on valid events; >= 0.7x of the read+write
 * floor when every record is poison; ahead of both peers (naive kafkajs, Spring Kafka) on all poison.
 *
 * A poison record costs a read and a write, so the bench also measures the floor of any kafkajs
 * dead-letter path (each record read, parsed, and an error-event-sized record written for it, no
 * validation, nothing built) and the CPU each consumer spends per record, in this process and in
 * the broker: on a machine whose cores the broker shares, those say how fast a poison stream can go.
 * And the peers an engineer would use instead, on the same streams and producer settings (acks=all,
 * idempotent): the naive kafkajs loop (eachMessage, try/catch, an awaited producer.send per poison
 * record), and Spring Kafka's DefaultErrorHandler + DeadLetterPublishingRecoverer, a Java program
 * (bench/spring-kafka-peer/) built with Maven and run in a JVM of its own (spring-kafka-peer.ts says
 * how its rounds handle JIT warm-up). Without Maven, or when its build fails, its rows say "not run".
 * And step 9's ConfirmConsumer on the same events, exactly once with a Kafka transaction per partition
 * batch, beside EventConsumer's at-least-once path (confirm-variant.ts says what the transaction costs).
 *
 *   npm run bench consumer-throughput          BENCH_RECORDS=50000 BENCH_ROUNDS=3 npm run bench consumer-throughput
 */
import { randomUUID } from 'node:crypto';
import { requireJava } from '../support/broker/jvm/jvm-runtime.js';
import { resolveKafkaLibs } from '../support/broker/jvm/kafka-jars.js';
import { KafkaJvmBroker } from '../support/broker/jvm/kafka-jvm-broker.js';
import { kafkajsConfig } from '../support/broker/kafkajs-config.js';
import { readBrokerSettings } from '../support/broker/settings.js';
import { Kafka } from '@kafka-event-spec/events';
import { createCatalogTopics } from '../support/topics/catalog-topics.js';
import { say, seconds } from './bench-output.js';
import { orderRecords, secondSubmitRecords, writeRecords } from './consumer-workload.js';
import { confirmConsumer, createBenchConfirmTopics } from './confirm-variant.js';
import {
  classifyAlone,
  eventConsumer,
  kafkaConsumerPerformance,
  naiveKafkajs,
  rawEachBatch,
  rawEachMessage,
  rawReadAndWrite,
  type Measured,
  type TopicRead,
} from './consumer-variants.js';
import { ownCpuSeconds, treeCpuSeconds } from './process-cpu.js';
import type { ConfirmTopics } from '@kafka-event-spec/events';
import { springKafkaPeer } from './spring-kafka-peer.js';
import { buildSpringPeer } from './spring-kafka-peer-build.js';

interface BenchTopic {
  readonly source: string;
  readonly deadLetter: string;
}

/** CPU seconds per record, in this process and in the broker's processes; undefined when unknown. */
interface CpuPerRecord {
  readonly own: number | undefined;
  readonly broker: number | undefined;
}

type Row =
  | { readonly label: string; readonly measured: Measured; readonly cpu: CpuPerRecord }
  | { readonly label: string; readonly notRun: string };

interface Variant {
  readonly label: string;
  readonly run: () => Promise<Measured> | Measured;
  /** False when the consumer runs in a process of its own whose CPU the run does not report. */
  readonly ownCpu?: false;
  /** Why the row cannot run here; or, when `mayNotRun`, a failed run makes the row "not run", not the bench. */
  readonly notRun?: string;
  readonly mayNotRun?: true;
}

const FLOOR_LABEL =
  'raw kafkajs read + write: JSON.parse, an error-event-sized record written per record (the floor of a dead-letter path)';

const SPRING_POISON = 'Spring Kafka DefaultErrorHandler + DeadLetterPublishingRecoverer, every record poison';
const SPRING_SEEKING_LABEL = `${SPRING_POISON} (SCHEMA_INVALID by networknt json-schema-validator, Spring's defaults: a seek and a fetch per failed record`;
const SPRING_NO_SEEK_LABEL = `${SPRING_POISON} (SCHEMA_INVALID by networknt json-schema-validator, setSeekAfterError(false))`;
/**
 * Spring's default after each failed record seeks back and fetches the rest of the partition again
 * (up to max.partition.fetch.bytes, 1 MB): 30 to 200 poison records/s here, so a read of 20,000
 * would take minutes. Its row reads the first 1,000 records of the topic instead, well before any
 * partition's end: there each failed record costs that seek and fetch. Once some partitions are
 * read to their end (a caught-up consumer's usual state) it is slower still: the new fetch waits for
 * the idle partitions' fetch in flight (up to fetch.max.wait.ms); a whole read of a 2,000-record
 * topic ran at 33 records/s here.
 */
const SPRING_SEEKING_RECORDS = 1_000;

const EVENT_CONSUMER_VALID_LABEL = 'EventConsumer, valid events, no-op handler';
const CONFIRM_VALID_LABEL =
  'ConfirmConsumer, valid orders (one transaction per batch: OrderConfirmed + ConfirmedOrders + offsets)';
const CONFIRM_SECOND_SUBMITS_LABEL = 'ConfirmConsumer, 10% second submits (duplicates skipped via the state)';
/** Every 10th record of the second-submits row repeats an earlier order in a new event. */
const SECOND_SUBMIT_EVERY = 10;

const perSecond = ({ records, ms }: Measured): number => (records / ms) * 1000;
const oneLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

export async function consumerThroughputBench(): Promise<void> {
  const count = Number(process.env.BENCH_RECORDS ?? '20000');
  const rounds = Number(process.env.BENCH_ROUNDS ?? '2');
  const settings = readBrokerSettings();
  const java = await requireJava();
  const libs = await resolveKafkaLibs(settings, say);
  // Built before the broker starts: a first Maven build takes a minute and keeps no broker waiting.
  const spring = await buildSpringPeer(java, say);
  const broker = await new KafkaJvmBroker(libs, java).start();
  const kafka = new Kafka(
    kafkajsConfig({ brokers: [broker.bootstrapServers], tls: undefined, sasl: undefined }, 'bench-consumer-throughput'),
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    say(
      `bench: consumer throughput, Apache Kafka ${libs.kafkaVersion} jvm broker, ${count} order-received events, 3 partitions, best of ${rounds} rounds`,
    );
    const names = (kind: string) => `bench-${kind}-${randomUUID().slice(0, 8)}.`;
    const [valid, poison, notJson, mixed, floor, naive, springTopics] = (await Promise.all(
      ['valid', 'poison', 'not-json', 'mixed', 'floor', 'naive', 'spring'].map(async (kind) => {
        const prefix = names(kind);
        await createCatalogTopics(admin, prefix, ['OrderReceived', 'DeadLetterQueue']);
        return { source: `${prefix}OrderReceived`, deadLetter: `${prefix}DeadLetterQueue` };
      }),
    )) as [BenchTopic, BenchTopic, BenchTopic, BenchTopic, BenchTopic, BenchTopic, BenchTopic];
    const validRecords = orderRecords(count, 0);
    await writeRecords(kafka, valid.source, validRecords);
    await writeRecords(kafka, poison.source, orderRecords(count, 1));
    await writeRecords(kafka, notJson.source, orderRecords(count, 1, 'not-json'));
    await writeRecords(kafka, mixed.source, orderRecords(count, 10));
    // ConfirmConsumer's rows: fresh topics for every round (a second group would restore the first's
    // state and confirm nothing), the same valid events, written before anything is measured.
    const secondSubmits = secondSubmitRecords(count, SECOND_SUBMIT_EVERY);
    const secondSubmitOrders = new Set(secondSubmits.map((record) => String(record.key))).size;
    const confirmRounds = async (kind: string, records: typeof validRecords): Promise<ConfirmTopics[]> => {
      const sets: ConfirmTopics[] = [];
      for (let round = 0; round < rounds; round++) {
        const topics = await createBenchConfirmTopics(admin, names(kind));
        await writeRecords(kafka, topics.orderReceived, records);
        sets.push(topics);
      }
      return sets;
    };
    const confirmValid = await confirmRounds('confirm-valid', validRecords);
    const confirmSecond = await confirmRounds('confirm-second', secondSubmits);
    const fresh = (sets: ConfirmTopics[]): ConfirmTopics => {
      const topics = sets.shift();
      if (topics === undefined) throw new Error('no fresh confirm topics left for this round');
      return topics;
    };
    say('  written; measuring');

    const group = (label: string) => `bench-${label}-${randomUUID().slice(0, 8)}`;
    /** A read of all `count` records of `topic` by a fresh group named for `label`. */
    const read = (topic: string, label: string): TopicRead => ({
      kafka,
      topic,
      expected: count,
      groupId: group(label),
    });
    /** A read by the Spring Kafka peer: its own JVM, the same topics; its dead-letter records go to a topic of their own. */
    const springRead = (
      topic: string,
      label: string,
      { expected = count, seekAfterError = true }: { expected?: number; seekAfterError?: boolean } = {},
    ): Variant => {
      if ('notRun' in spring)
        return { label, run: () => Promise.reject(new Error(spring.notRun)), notRun: spring.notRun };
      return {
        label,
        run: () =>
          springKafkaPeer({
            peer: spring.peer,
            bootstrap: broker.bootstrapServers,
            topic,
            deadLetterTopic: springTopics.deadLetter,
            expected,
            groupId: group('spring'),
            seekAfterError,
          }),
        mayNotRun: true,
      };
    };
    // Kafka's tool runs in a JVM of its own: this process's CPU is not its cost.
    const variants: Variant[] = [
      {
        label: "Kafka's ConsumerPerformance (same jars), fetch rate",
        run: () =>
          kafkaConsumerPerformance({
            java,
            libsDir: libs.libsDir,
            bootstrap: broker.bootstrapServers,
            topic: valid.source,
            expected: count,
            groupId: group('perf'),
          }),
        ownCpu: false,
      },
      {
        label: 'raw kafkajs eachBatch + JSON.parse',
        run: () => rawEachBatch(read(valid.source, 'batch')),
      },
      {
        label: 'raw kafkajs eachMessage, autoCommit + JSON.parse',
        run: () => rawEachMessage(read(valid.source, 'message')),
      },
      {
        label: 'classifyRecord alone (UTF-8 + JSON + type + ajv), no Kafka',
        run: () => classifyAlone(validRecords.map((r) => r.value)),
      },
      // Before EventConsumer's rows: the broker's and this process's code paths for writing warm up here, not in the floor's favour.
      { label: FLOOR_LABEL, run: () => rawReadAndWrite(read(poison.source, 'floor'), floor.deadLetter) },
      {
        label: EVENT_CONSUMER_VALID_LABEL,
        run: () => eventConsumer(read(valid.source, 'valid'), valid.deadLetter),
      },
      {
        label: 'EventConsumer, every record poison (SCHEMA_INVALID, all dead-lettered)',
        run: () => eventConsumer(read(poison.source, 'poison'), poison.deadLetter),
      },
      {
        label: 'EventConsumer, every record poison (NOT_JSON, all dead-lettered)',
        run: () => eventConsumer(read(notJson.source, 'not-json'), notJson.deadLetter),
      },
      {
        label: 'EventConsumer, 10% poison',
        run: () => eventConsumer(read(mixed.source, 'mixed'), mixed.deadLetter),
      },
      // Step 9: the same events, exactly once; a row that fails says "not run: <why>".
      {
        label: CONFIRM_VALID_LABEL,
        run: () =>
          confirmConsumer({
            kafka,
            topics: fresh(confirmValid),
            expected: count,
            orders: count,
            groupId: group('confirm-valid'),
          }),
        mayNotRun: true,
      },
      {
        label: CONFIRM_SECOND_SUBMITS_LABEL,
        run: () =>
          confirmConsumer({
            kafka,
            topics: fresh(confirmSecond),
            expected: count,
            orders: secondSubmitOrders,
            groupId: group('confirm-second'),
          }),
        mayNotRun: true,
      },
      // The peer: the hand-written kafkajs loop, on the same topics and the same poison stream.
      {
        label: 'naive kafkajs eachMessage + try/catch, valid events (JSON.parse + ajv)',
        run: () => naiveKafkajs(read(valid.source, 'naive-valid'), naive.deadLetter),
      },
      {
        label: 'naive kafkajs eachMessage + try/catch, every record poison (SCHEMA_INVALID, await send per record)',
        run: () => naiveKafkajs(read(poison.source, 'naive-poison'), naive.deadLetter),
      },
      // The other peer: Spring Kafka's dead-letter path, on the same topics and the same poison stream.
      springRead(
        valid.source,
        'Spring Kafka KafkaMessageListenerContainer, valid events (Jackson + networknt json-schema-validator)',
      ),
      springRead(
        poison.source,
        `${SPRING_SEEKING_LABEL}${count > SPRING_SEEKING_RECORDS ? `; the first ${SPRING_SEEKING_RECORDS.toLocaleString('en-US')} records` : ''})`,
        { expected: Math.min(count, SPRING_SEEKING_RECORDS) },
      ),
      springRead(poison.source, SPRING_NO_SEEK_LABEL, { seekAfterError: false }),
    ];
    const rows: Row[] = [];
    for (const variant of variants) {
      const { label } = variant;
      if (variant.notRun !== undefined) {
        rows.push({ label, notRun: variant.notRun });
        say(`  ${label}: not run: ${variant.notRun}`);
        continue;
      }
      const started = Date.now();
      try {
        const best = await bestOfRounds(variant, rounds, broker.pid);
        rows.push({ label, ...best });
        say(
          `  ${label}: ${Math.round(perSecond(best.measured))} records/s (${rounds} rounds in ${seconds(Date.now() - started)})`,
        );
      } catch (error) {
        if (variant.mayNotRun !== true) throw error;
        rows.push({ label, notRun: oneLine(error) });
        say(`  ${label}: not run: ${oneLine(error)}`);
      }
    }
    printTable(rows);
  } finally {
    await admin.disconnect();
    await broker.stop();
  }
}

/** The fastest of `rounds` runs, with its CPU per record in this process (or the consumer's own) and in the broker. */
async function bestOfRounds(
  { run, ownCpu }: Variant,
  rounds: number,
  brokerPid: number | undefined,
): Promise<{ measured: Measured; cpu: CpuPerRecord }> {
  let best: { measured: Measured; cpu: CpuPerRecord } | undefined;
  for (let round = 1; round <= rounds; round++) {
    const own = ownCpuSeconds();
    const brokerCpu = treeCpuSeconds(brokerPid);
    const measured = await run();
    const brokerAfter = treeCpuSeconds(brokerPid);
    const cpu = {
      own:
        measured.ownCpuSeconds !== undefined
          ? measured.ownCpuSeconds / measured.records
          : ownCpu === false
            ? undefined
            : (ownCpuSeconds() - own) / measured.records,
      broker:
        brokerCpu === undefined || brokerAfter === undefined ? undefined : (brokerAfter - brokerCpu) / measured.records,
    };
    if (best === undefined || perSecond(measured) > perSecond(best.measured)) best = { measured, cpu };
  }
  if (best === undefined) throw new Error('BENCH_ROUNDS must be 1 or more');
  return best;
}

function printTable(rows: readonly Row[]): void {
  const rate = (row: Row | undefined): number =>
    row === undefined || 'notRun' in row ? Number.NaN : perSecond(row.measured);
  const base = rate(rows.find((row) => row.label.startsWith('raw kafkajs eachMessage')));
  say('');
  say('| consumer | records/s | vs raw eachMessage | CPU µs/record, this process | CPU µs/record, broker |');
  say('|---|---:|---:|---:|---:|');
  const micros = (s: number | undefined) => (s === undefined ? '-' : (s * 1e6).toFixed(1));
  for (const row of rows) {
    if ('notRun' in row) {
      say(`| ${row.label} | not run: ${row.notRun} | - | - | - |`);
      continue;
    }
    const perSec = perSecond(row.measured);
    say(
      `| ${row.label} | ${Math.round(perSec).toLocaleString('en-US')} | ${(perSec / base).toFixed(2)}x | ${micros(row.cpu.own)} | ${micros(row.cpu.broker)} |`,
    );
  }
  const ratio = (prefix: string) => rate(rows.find((r) => r.label.startsWith(prefix))) / base;
  const valid = ratio('EventConsumer, valid');
  const poison = ratio('EventConsumer, every record poison (SCHEMA_INVALID');
  say('');
  const floor = ratio(FLOOR_LABEL);
  const ofFloor = poison / floor;
  say(
    `targets: EventConsumer valid ${valid.toFixed(2)}x of raw eachMessage (>= 0.8x: ${valid >= 0.8 ? 'met' : 'NOT met'}), all poison ${ofFloor.toFixed(2)}x of the floor (>= 0.7x: ${ofFloor >= 0.7 ? 'met' : 'NOT met'})`,
  );
  say(
    `floor: reading and writing each record through kafkajs, with nothing else, runs at ${floor.toFixed(2)}x; EventConsumer on all poison is ${Math.round(100 * ofFloor)}% of that floor`,
  );
  const naivePoison = ratio('naive kafkajs eachMessage + try/catch, every record poison');
  say(
    `peer: the naive kafkajs loop on all poison runs at ${naivePoison.toFixed(2)}x; EventConsumer is ${(poison / naivePoison).toFixed(2)}x of it`,
  );
  printConfirmSummary(rows);
  for (const [prefix, how] of [
    [SPRING_SEEKING_LABEL, "Spring's defaults"],
    [SPRING_NO_SEEK_LABEL, 'setSeekAfterError(false)'],
  ] as const) {
    const row = rows.find((r) => r.label.startsWith(prefix));
    if (row !== undefined && 'notRun' in row) {
      say(`peer: Spring Kafka (${how}) not run: ${row.notRun}`);
      continue;
    }
    const spring = ratio(prefix);
    say(
      `peer: Spring Kafka's DefaultErrorHandler + DeadLetterPublishingRecoverer (${how}) on all poison runs at ${spring.toFixed(3)}x; EventConsumer is ${(poison / spring).toFixed(2)}x of it`,
    );
  }
}

/** ConfirmConsumer against EventConsumer's at-least-once path that writes nothing per valid record. */
function printConfirmSummary(rows: readonly Row[]): void {
  const measured = (label: string) => {
    const row = rows.find((r) => r.label === label);
    return row === undefined ? { notRun: 'not in this run' } : 'notRun' in row ? { notRun: row.notRun } : row.measured;
  };
  const atLeastOnce = measured(EVENT_CONSUMER_VALID_LABEL);
  const valid = measured(CONFIRM_VALID_LABEL);
  const second = measured(CONFIRM_SECOND_SUBMITS_LABEL);
  if ('notRun' in valid) {
    say(`confirm: ConfirmConsumer not run: ${valid.notRun}`);
    return;
  }
  if ('notRun' in atLeastOnce) {
    say(`confirm: no ratio: ${EVENT_CONSUMER_VALID_LABEL} not run: ${atLeastOnce.notRun}`);
    return;
  }
  const confirmedPerSecond = (m: Measured) => ((m.confirmed ?? m.records) / m.ms) * 1000;
  const perTransaction = (m: Measured) =>
    m.transactions === undefined
      ? ''
      : `, ${m.transactions} transactions of ${Math.round(m.records / m.transactions)} records on average`;
  say(
    `confirm: ConfirmConsumer confirms ${Math.round(confirmedPerSecond(valid)).toLocaleString('en-US')} orders/s exactly once (a transaction per partition batch${perTransaction(valid)}), ${(perSecond(valid) / perSecond(atLeastOnce)).toFixed(2)}x of EventConsumer's at-least-once valid events with a no-op handler, which writes nothing per record`,
  );
  say(
    'notRun' in second
      ? `confirm: ConfirmConsumer with ${100 / SECOND_SUBMIT_EVERY}% second submits not run: ${second.notRun}`
      : `confirm: with ${100 / SECOND_SUBMIT_EVERY}% second submits ${Math.round(perSecond(second)).toLocaleString('en-US')} records/s, ${Math.round(confirmedPerSecond(second)).toLocaleString('en-US')} confirmed orders/s (${second.confirmed ?? '?'} orders of ${second.records} records${perTransaction(second)}), ${(perSecond(second) / perSecond(atLeastOnce)).toFixed(2)}x of EventConsumer's`,
  );
}
