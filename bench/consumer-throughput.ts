/**
 * EventConsumer against the client it wraps and against Kafka's own consumer, on one jvm broker,
 * in one run: 20,000 order-received events on 3 partitions. Records/s, and each as a ratio of raw
 * kafkajs eachMessage (autoCommit, JSON.parse), the plainest consumer anyone would write.
 * EventConsumer's targets: >= 0.8x on valid events, >= 0.5x when every record is poison.
 *
 * A poison record costs a read and a write, so the bench also measures the floor of any kafkajs
 * dead-letter path (each record read, parsed, and an error-event-sized record written for it, no
 * validation, nothing built) and the CPU each consumer spends per record, in this process and in
 * the broker: on a machine whose cores the broker shares, those say how fast a poison stream can go.
 * And the peer an engineer would write instead: the naive kafkajs loop (eachMessage, try/catch,
 * an awaited producer.send per poison record), on the same streams and producer settings.
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
import { orderRecords, writeRecords } from './consumer-workload.js';
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

interface BenchTopic {
  readonly source: string;
  readonly deadLetter: string;
}

/** CPU seconds per record, in this process and in the broker's processes; undefined when unknown. */
interface CpuPerRecord {
  readonly own: number | undefined;
  readonly broker: number | undefined;
}

interface Row {
  readonly label: string;
  readonly measured: Measured;
  readonly cpu: CpuPerRecord;
}

const FLOOR_LABEL =
  'raw kafkajs read + write: JSON.parse, an error-event-sized record written per record (the floor of a dead-letter path)';

const perSecond = ({ records, ms }: Measured): number => (records / ms) * 1000;

export async function consumerThroughputBench(): Promise<void> {
  const count = Number(process.env.BENCH_RECORDS ?? '20000');
  const rounds = Number(process.env.BENCH_ROUNDS ?? '2');
  const settings = readBrokerSettings();
  const java = await requireJava();
  const libs = await resolveKafkaLibs(settings, say);
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
    const [valid, poison, notJson, mixed, floor, naive] = (await Promise.all(
      ['valid', 'poison', 'not-json', 'mixed', 'floor', 'naive'].map(async (kind) => {
        const prefix = names(kind);
        await createCatalogTopics(admin, prefix, ['OrderReceived', 'DeadLetterQueue']);
        return { source: `${prefix}OrderReceived`, deadLetter: `${prefix}DeadLetterQueue` };
      }),
    )) as [BenchTopic, BenchTopic, BenchTopic, BenchTopic, BenchTopic, BenchTopic];
    const validRecords = orderRecords(count, 0);
    await writeRecords(kafka, valid.source, validRecords);
    await writeRecords(kafka, poison.source, orderRecords(count, 1));
    await writeRecords(kafka, notJson.source, orderRecords(count, 1, 'not-json'));
    await writeRecords(kafka, mixed.source, orderRecords(count, 10));
    say('  written; measuring');

    const group = (label: string) => `bench-${label}-${randomUUID().slice(0, 8)}`;
    /** A read of all `count` records of `topic` by a fresh group named for `label`. */
    const read = (topic: string, label: string): TopicRead => ({
      kafka,
      topic,
      expected: count,
      groupId: group(label),
    });
    // Kafka's tool runs in a JVM of its own: this process's CPU is not its cost.
    const variants: { label: string; run: () => Promise<Measured> | Measured; ownCpu?: false }[] = [
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
        label: 'EventConsumer, valid events, no-op handler',
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
      // The peer: the hand-written kafkajs loop, on the same topics and the same poison stream.
      {
        label: 'naive kafkajs eachMessage + try/catch, valid events (JSON.parse + ajv)',
        run: () => naiveKafkajs(read(valid.source, 'naive-valid'), naive.deadLetter),
      },
      {
        label: 'naive kafkajs eachMessage + try/catch, every record poison (SCHEMA_INVALID, await send per record)',
        run: () => naiveKafkajs(read(poison.source, 'naive-poison'), naive.deadLetter),
      },
    ];
    const rows: Row[] = [];
    for (const { label, run, ownCpu } of variants) {
      let best: { measured: Measured; cpu: CpuPerRecord } | undefined;
      const started = Date.now();
      for (let round = 1; round <= rounds; round++) {
        const own = ownCpuSeconds();
        const brokerCpu = treeCpuSeconds(broker.pid);
        const measured = await run();
        const brokerAfter = treeCpuSeconds(broker.pid);
        const cpu = {
          own: ownCpu === false ? undefined : (ownCpuSeconds() - own) / measured.records,
          broker:
            brokerCpu === undefined || brokerAfter === undefined
              ? undefined
              : (brokerAfter - brokerCpu) / measured.records,
        };
        if (best === undefined || perSecond(measured) > perSecond(best.measured)) best = { measured, cpu };
      }
      if (best !== undefined) rows.push({ label, ...best });
      say(
        `  ${label}: ${Math.round(perSecond(best?.measured ?? { records: 0, ms: 1 }))} records/s (${rounds} rounds in ${seconds(Date.now() - started)})`,
      );
    }
    printTable(rows);
  } finally {
    await admin.disconnect();
    await broker.stop();
  }
}

function printTable(rows: readonly Row[]): void {
  const baseline = rows.find((row) => row.label.startsWith('raw kafkajs eachMessage'));
  const base = baseline === undefined ? Number.NaN : perSecond(baseline.measured);
  say('');
  say('| consumer | records/s | vs raw eachMessage | CPU µs/record, this process | CPU µs/record, broker |');
  say('|---|---:|---:|---:|---:|');
  const micros = (s: number | undefined) => (s === undefined ? '-' : (s * 1e6).toFixed(1));
  for (const { label, measured, cpu } of rows) {
    const rate = perSecond(measured);
    say(
      `| ${label} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / base).toFixed(2)}x | ${micros(cpu.own)} | ${micros(cpu.broker)} |`,
    );
  }
  const ratio = (prefix: string) => {
    const row = rows.find((r) => r.label.startsWith(prefix));
    return row === undefined ? Number.NaN : perSecond(row.measured) / base;
  };
  const valid = ratio('EventConsumer, valid');
  const poison = ratio('EventConsumer, every record poison (SCHEMA_INVALID');
  say('');
  const floor = ratio(FLOOR_LABEL);
  say(
    `targets: EventConsumer valid ${valid.toFixed(2)}x (>= 0.8x: ${valid >= 0.8 ? 'met' : 'NOT met'}), all poison ${poison.toFixed(2)}x (>= 0.5x: ${poison >= 0.5 ? 'met' : 'NOT met'})`,
  );
  say(
    `floor: reading and writing each record through kafkajs, with nothing else, runs at ${floor.toFixed(2)}x; EventConsumer on all poison is ${Math.round((100 * poison) / floor)}% of that floor`,
  );
  const naivePoison = ratio('naive kafkajs eachMessage + try/catch, every record poison');
  say(
    `peer: the naive kafkajs loop on all poison runs at ${naivePoison.toFixed(2)}x; EventConsumer is ${(poison / naivePoison).toFixed(2)}x of it`,
  );
}
