/**
 * How long the jvm runtime takes from "start" to "an admin client sees the broker and its group
 * coordinator", with jars already cached. Measured here, never asserted in a spec: a timed test
 * fails on a busy machine for reasons that have nothing to do with the code.
 *
 *   BENCH_RUNS=10 KAFKA_VERSION=3.9.2 npm run bench broker-boot
 */
import { requireJava } from '../support/broker/jvm/jvm-runtime.js';
import { resolveKafkaLibs } from '../support/broker/jvm/kafka-jars.js';
import { KafkaJvmBroker } from '../support/broker/jvm/kafka-jvm-broker.js';
import { readBrokerSettings } from '../support/broker/settings.js';
import { say, seconds } from './bench-output.js';

export async function brokerBootBench(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? '5');
  const settings = readBrokerSettings();
  const java = await requireJava();
  const libs = await resolveKafkaLibs(settings, say);
  say(`bench: jvm broker boot, Apache Kafka ${libs.kafkaVersion}, ${runs} runs, jars cached`);

  const boots: number[] = [];
  const stops: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const started = Date.now();
    const broker = await new KafkaJvmBroker(libs, java).start();
    const booted = Date.now() - started;
    const stopStart = Date.now();
    await broker.stop();
    const stopped = Date.now() - stopStart;
    boots.push(booted);
    stops.push(stopped);
    say(`  run ${run}: ready in ${seconds(booted)} (format + JVM start + readiness), stopped in ${seconds(stopped)}`);
  }

  const sorted = [...boots].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  say(`bench: boot median ${seconds(median)}, min ${seconds(sorted[0] ?? Number.NaN)}, max ${seconds(sorted.at(-1) ?? Number.NaN)}; ` +
    `stop median ${seconds([...stops].sort((a, b) => a - b)[Math.floor(stops.length / 2)] ?? Number.NaN)}`);
}
