/**
 * The yardstick of the speed bench: a broker started the way a person starts one by hand from
 * Kafka's distribution, `kafka-storage format` and then `kafka-server-start`, with the JVM options
 * Kafka's bin/kafka-run-class.sh and bin/kafka-server-start.sh default to: no class-data archive,
 * none of the suite's tuning. It is timed until an admin client sees the broker and its group
 * coordinator answers (the suite's own readiness check), so it moves only with the machine, never
 * with the suite's boot getting faster.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/broker/jvm/free-port.js';
import type { KafkaLibs } from '../support/broker/jvm/kafka-jars.js';
import { kraftServerProperties, randomClusterId, toPropertiesFile } from '../support/broker/jvm/kraft-config.js';
import { BROKER_LOG_CONFIG, TOOLS_LOG_CONFIG, type LogConfig } from '../support/broker/jvm/log-config.js';
import { waitForBroker } from '../support/broker/wait-for-broker.js';
import { requireKafkaToolClass } from '../support/kafka-tools/kafka-tool-classes.js';

const run = promisify(execFile);

/** KAFKA_JVM_PERFORMANCE_OPTS in Kafka's bin/kafka-run-class.sh (3.x adds -XX:MaxInlineLevel=15). */
function kafkaPerformanceOptions(kafkaVersion: string): string[] {
  const options = [
    '-server',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
  ];
  return Number(kafkaVersion.split('.')[0]) < 4 ? [...options, '-XX:MaxInlineLevel=15'] : options;
}

/** One of Kafka's main classes as its shell script starts it. */
interface ByHandRun {
  readonly libs: KafkaLibs;
  /** The script's heap options, e.g. -Xmx256M. */
  readonly heap: string[];
  readonly logConfig: LogConfig;
  readonly mainClass: string;
  readonly args: string[];
}

/** What kafka-run-class.sh runs: heap, performance options, log config, every jar in libs/ by wildcard. */
function byHandArgs({ libs, heap, logConfig, mainClass, args }: ByHandRun): string[] {
  return [
    ...heap,
    ...kafkaPerformanceOptions(libs.kafkaVersion),
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${logConfig.log4j2}`,
    `-Dlog4j.configuration=file:${logConfig.log4j}`,
    '-cp',
    join(libs.libsDir, '*'),
    mainClass,
    ...args,
  ];
}

/** Milliseconds from "format" to "an admin client sees the broker", started as by hand. */
export async function referenceBootMs(libs: KafkaLibs, java: string): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), 'kafka-event-spec-reference-boot-'));
  const started = Date.now();
  const brokerPort = await freePort();
  const controllerPort = await freePort();
  const properties = join(workDir, 'server.properties');
  writeFileSync(
    properties,
    toPropertiesFile(
      kraftServerProperties({
        kafkaVersion: libs.kafkaVersion,
        brokerPort,
        controllerPort,
        logDir: join(workDir, 'data'),
        extra: {},
      }),
    ),
  );
  let broker: ReturnType<typeof spawn> | undefined;
  try {
    // kafka-storage.sh: kafka-run-class.sh's default heap for a tool, -Xmx256M.
    await run(
      java,
      byHandArgs({
        libs,
        heap: ['-Xmx256M'],
        logConfig: TOOLS_LOG_CONFIG,
        mainClass: requireKafkaToolClass('kafka-storage', libs.kafkaVersion),
        args: ['format', '--cluster-id', randomClusterId(), '--config', properties],
      }),
      { timeout: 60_000 },
    );
    // kafka-server-start.sh: KAFKA_HEAP_OPTS defaults to -Xmx1G -Xms1G.
    const log = openSync(join(workDir, 'broker.log'), 'w');
    broker = spawn(
      java,
      byHandArgs({
        libs,
        heap: ['-Xmx1G', '-Xms1G'],
        logConfig: BROKER_LOG_CONFIG,
        mainClass: requireKafkaToolClass('kafka-server-start', libs.kafkaVersion),
        args: [properties],
      }),
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    const child = broker;
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    await waitForBroker(
      { brokers: [`127.0.0.1:${brokerPort}`], tls: undefined, sasl: undefined },
      { timeoutMs: 120_000, isAlive: () => !exited },
    );
    return Date.now() - started;
  } finally {
    if (broker !== undefined && broker.exitCode === null) {
      const exited = new Promise((resolve) => broker?.once('exit', resolve));
      broker.kill('SIGKILL');
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}
