/**
 * EventConsumer against the client it wraps and against Kafka's own consumer, on one jvm broker,
 * in one run: 20,000 order-received events on 3 partitions. Records/s, and each as a ratio of raw
 * kafkajs eachMessage (autoCommit, JSON.parse), the plainest consumer anyone would write.
 * EventConsumer's targets: >= 0.8x on valid events, >= 0.5x when every record is poison.
 *
 *   npm run bench consumer-throughput          BENCH_RECORDS=50000 BENCH_ROUNDS=3 npm run bench consumer-throughput
 */
import { randomUUID } from 'node:crypto';
import { requireJava } from '../support/broker/jvm/jvm-runtime.js';
import { resolveKafkaLibs } from '../support/broker/jvm/kafka-jars.js';
import { KafkaJvmBroker } from '../support/broker/jvm/kafka-jvm-broker.js';
import { kafkajsConfig } from '../support/broker/kafkajs-config.js';
import { readBrokerSettings } from '../support/broker/settings.js';
import { Kafka } from '../support/lib/kafkajs.js';
import { createCatalogTopics } from '../support/topics/catalog-topics.js';
import { say, seconds } from './bench-output.js';
import { orderRecords, writeRecords } from './consumer-workload.js';
import { classifyAlone, eventConsumer, kafkaConsumerPerformance, rawEachBatch, rawEachMessage, type Measured } from './consumer-variants.js';

interface BenchTopic {
  readonly source: string;
  readonly deadLetter: string;
}

interface Row {
  readonly label: string;
  readonly measured: Measured;
}

const perSecond = ({ records, ms }: Measured): number => (records / ms) * 1000;

export async function consumerThroughputBench(): Promise<void> {
  const count = Number(process.env.BENCH_RECORDS ?? '20000');
  const rounds = Number(process.env.BENCH_ROUNDS ?? '2');
  const settings = readBrokerSettings();
  const java = await requireJava();
  const libs = await resolveKafkaLibs(settings, say);
  const broker = await new KafkaJvmBroker(libs, java).start();
  const kafka = new Kafka(kafkajsConfig({ brokers: [broker.bootstrapServers], tls: undefined, sasl: undefined }, 'bench-consumer-throughput'));
  const admin = kafka.admin();
  await admin.connect();
  try {
    say(`bench: consumer throughput, Apache Kafka ${libs.kafkaVersion} jvm broker, ${count} order-received events, 3 partitions, best of ${rounds} rounds`);
    const names = (kind: string) => `bench-${kind}-${randomUUID().slice(0, 8)}.`;
    const [valid, poison, notJson, mixed] = await Promise.all(['valid', 'poison', 'not-json', 'mixed'].map(async (kind) => {
      const prefix = names(kind);
      await createCatalogTopics(admin, prefix, ['OrderReceived', 'DeadLetterQueue']);
      return { source: `${prefix}OrderReceived`, deadLetter: `${prefix}DeadLetterQueue` };
    })) as [BenchTopic, BenchTopic, BenchTopic, BenchTopic];
    const validRecords = orderRecords(count, 0);
    await writeRecords(kafka, valid.source, validRecords);
    await writeRecords(kafka, poison.source, orderRecords(count, 1));
    await writeRecords(kafka, notJson.source, orderRecords(count, 1, 'not-json'));
    await writeRecords(kafka, mixed.source, orderRecords(count, 10));
    say('  written; measuring');

    const group = (label: string) => `bench-${label}-${randomUUID().slice(0, 8)}`;
    const variants: { label: string; run: () => Promise<Measured> | Measured }[] = [
      { label: "Kafka's ConsumerPerformance (same jars), fetch rate", run: () => kafkaConsumerPerformance(java, libs.libsDir, broker.bootstrapServers, valid.source, count, group('perf')) },
      { label: 'raw kafkajs eachBatch + JSON.parse', run: () => rawEachBatch(kafka, valid.source, count, group('batch')) },
      { label: 'raw kafkajs eachMessage, autoCommit + JSON.parse', run: () => rawEachMessage(kafka, valid.source, count, group('message')) },
      { label: 'classifyRecord alone (UTF-8 + JSON + type + ajv), no Kafka', run: () => classifyAlone(validRecords.map((r) => r.value)) },
      { label: 'EventConsumer, valid events, no-op handler', run: () => eventConsumer(kafka, valid.source, valid.deadLetter, count, group('valid')) },
      { label: 'EventConsumer, every record poison (SCHEMA_INVALID, all dead-lettered)', run: () => eventConsumer(kafka, poison.source, poison.deadLetter, count, group('poison')) },
      { label: 'EventConsumer, every record poison (NOT_JSON, all dead-lettered)', run: () => eventConsumer(kafka, notJson.source, notJson.deadLetter, count, group('not-json')) },
      { label: 'EventConsumer, 10% poison', run: () => eventConsumer(kafka, mixed.source, mixed.deadLetter, count, group('mixed')) },
    ];
    const rows: Row[] = [];
    for (const { label, run } of variants) {
      let best: Measured | undefined;
      const started = Date.now();
      for (let round = 1; round <= rounds; round++) {
        const measured = await run();
        if (best === undefined || perSecond(measured) > perSecond(best)) best = measured;
      }
      if (best !== undefined) rows.push({ label, measured: best });
      say(`  ${label}: ${Math.round(perSecond(best ?? { records: 0, ms: 1 }))} records/s (${rounds} rounds in ${seconds(Date.now() - started)})`);
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
  say('| consumer | records/s | vs raw eachMessage |');
  say('|---|---:|---:|');
  for (const { label, measured } of rows) {
    const rate = perSecond(measured);
    say(`| ${label} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / base).toFixed(2)}x |`);
  }
  const ratio = (prefix: string) => {
    const row = rows.find((r) => r.label.startsWith(prefix));
    return row === undefined ? Number.NaN : perSecond(row.measured) / base;
  };
  const valid = ratio('EventConsumer, valid');
  const poison = ratio('EventConsumer, every record poison (SCHEMA_INVALID');
  say('');
  say(`targets: EventConsumer valid ${valid.toFixed(2)}x (>= 0.8x: ${valid >= 0.8 ? 'met' : 'NOT met'}), all poison ${poison.toFixed(2)}x (>= 0.5x: ${poison >= 0.5 ? 'met' : 'NOT met'})`);
}
