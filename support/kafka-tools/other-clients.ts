/**
 * Clients other than kafkajs, for the "other clients" spec: kcat (librdkafka, the Debian package
 * `kcat`) and Kafka's own console producer (Java, from the run's jars through a learner's bin/).
 * Each is run as a person types it, with records piped in on stdin, against the run's broker and
 * through its TLS and SASL settings; or it says why it cannot run here.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { resolveScriptKafka, scriptKafkaOfRun } from '../scripts/script-kafka.js';
import { commandConfigOf } from './client-config-file.js';
import { kafkaCliDialect } from './kafka-cli-commands.js';
import { layOutLearnerKafkaHome } from './learner-kafka-home.js';

const RUN_TIMEOUT_MS = 120_000;

export interface ClientRun {
  /** The command as shown in messages: what a person would type, without the password. */
  command: string;
  exitCode: number;
  /** stdout then stderr. */
  output: string;
}

/** Runs `file args` with `input` on stdin, to completion, bounded. */
function runWithInput(
  file: string,
  args: readonly string[],
  stdin: { input: string; shown: string; env?: NodeJS.ProcessEnv },
): Promise<ClientRun> {
  const { input, shown, env = process.env } = stdin;
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { env, timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        const timedOut = error !== null && error.killed === true;
        resolve({
          command: shown,
          exitCode: code,
          output: `${stdout}${stderr}${timedOut ? `\n(still running after ${RUN_TIMEOUT_MS / 1000} s: killed)` : ''}`,
        });
      },
    );
    child.stdin?.end(input);
  });
}

/** A producer that reads "key|value" lines on stdin and sends each as one record to `topic`. */
export interface LineProducer {
  /** e.g. "kcat 1.7.1 (librdkafka 2.0.2)"; for titles and messages. */
  readonly description: string;
  /** Sends `lines` (each "key|value") to `topic`, with the producer's own extra options. */
  produce(topic: string, lines: readonly string[], extraArgs?: readonly string[]): Promise<ClientRun>;
  close(): void;
}

export type LineProducerOrWhyNot = { available: true; producer: LineProducer } | { available: false; reason: string };

/** librdkafka's properties for the run's TLS and SASL settings (kcat -F), or why kcat cannot use them. */
function librdkafkaProperties(broker: Pick<BrokerConnection, 'tls' | 'sasl'>): string[] {
  const { tls, sasl } = broker;
  const lines = ['# written by the other-clients spec for this run: no defaults from ~/.config/kcat.conf'];
  if (tls === undefined && sasl === undefined) return lines;
  lines.push(`security.protocol=${sasl === undefined ? '' : 'SASL_'}${tls === undefined ? 'PLAINTEXT' : 'SSL'}`);
  if (tls?.caFile !== undefined) lines.push(`ssl.ca.location=${tls.caFile}`);
  if (tls?.certFile !== undefined) lines.push(`ssl.certificate.location=${tls.certFile}`);
  if (tls?.keyFile !== undefined) lines.push(`ssl.key.location=${tls.keyFile}`);
  if (tls !== undefined && !tls.rejectUnauthorized) lines.push('enable.ssl.certificate.verification=false');
  if (sasl !== undefined) {
    lines.push(
      `sasl.mechanisms=${sasl.mechanism.toUpperCase()}`,
      `sasl.username=${sasl.username}`,
      `sasl.password=${sasl.password}`,
    );
  }
  return lines;
}

/** "2.0.2" below [2, 6, 1]; an unreadable version counts as below. */
function versionBelow(version: string, than: readonly [number, number, number]): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10));
  if (parts.length < 3 || parts.some(Number.isNaN)) return true;
  for (let i = 0; i < 3; i++) {
    const [a = 0, b = 0] = [parts[i], than[i]];
    if (a !== b) return a < b;
  }
  return false;
}

/** A private directory for a config file that may hold the SASL password. */
function privateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-event-spec-other-clients-'));
  chmodSync(dir, 0o700);
  return dir;
}

/** kcat on PATH, pointed at the run's broker; or why not (not installed). */
export async function kcatFor(broker: BrokerConnection): Promise<LineProducerOrWhyNot> {
  const version = await runWithInput('kcat', ['-V'], { input: '', shown: 'kcat -V' });
  if (version.exitCode !== 0) {
    return {
      available: false,
      reason: `kcat is not installed here (\`kcat -V\` exited ${version.exitCode}); on Debian or Ubuntu: apt-get install kcat`,
    };
  }
  const kcatVersion = /Version (\S+)/.exec(version.output)?.[1] ?? 'unknown version';
  const librdkafka = /librdkafka (\S+)/.exec(version.output)?.[1] ?? 'unknown';
  if (broker.sasl?.mechanism.startsWith('scram') === true && versionBelow(librdkafka, [2, 6, 1])) {
    return {
      available: false,
      reason: `kcat's librdkafka ${librdkafka} fails SCRAM authentication against Kafka 4.x brokers (edenhill/kcat#462; fixed in librdkafka 2.6.1), and this run's broker uses ${broker.sasl.mechanism.toUpperCase()}`,
    };
  }
  const dir = privateDir();
  const config = join(dir, 'kcat.conf');
  writeFileSync(config, `${librdkafkaProperties(broker).join('\n')}\n`, { mode: 0o600 });
  const bootstrap = broker.brokers.join(',');
  return {
    available: true,
    producer: {
      description: `kcat ${kcatVersion} (librdkafka ${librdkafka})`,
      produce: (topic, lines, extraArgs = []) => {
        const args = ['-P', '-b', bootstrap, '-t', topic, '-K', '|', ...extraArgs];
        return runWithInput('kcat', ['-F', config, ...args], {
          input: lines.map((line) => `${line}\n`).join(''),
          shown: ['kcat', ...args.map((a) => (a === '|' ? "'|'" : a))].join(' '),
        });
      },
      close: () => {
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}

/**
 * Kafka's console producer from the run's Kafka (its jars, through a learner's bin/), parsing
 * "key|value" lines as step 6 does; or why it cannot run here (no Java, no jars).
 */
export async function consoleProducerFor(broker: BrokerConnection): Promise<LineProducerOrWhyNot> {
  const config = commandConfigOf(broker);
  if ('reason' in config) return { available: false, reason: config.reason };
  const plan = await scriptKafkaOfRun(broker);
  if (plan.kind === 'unavailable') return { available: false, reason: plan.reason };
  const kafka = await resolveScriptKafka(plan);
  const home = layOutLearnerKafkaHome({
    kafkaHome: kafka.kafkaHome,
    libsDir: join(kafka.kafkaHome, 'libs'),
    kafkaVersion: kafka.kafkaVersion,
    source: kafka.source === 'KAFKA_HOME' ? 'KAFKA_HOME' : 'Maven Central cache',
  });
  if (home === undefined)
    return { available: false, reason: `KAFKA_HOME=${kafka.kafkaHome} has jars but no bin/kafka-console-producer.sh` };
  const dialect = kafkaCliDialect(kafka.kafkaVersion);
  const p = dialect.producerProperty;
  // --producer.config became --command-config in 4.2 (KIP-1147), like --property became --reader-property.
  const configOption = p === '--reader-property' ? '--command-config' : '--producer.config';
  // KAFKA_HOME and JAVA_HOME as the run found them (JAVA_HOME undefined: java from PATH).
  const env: NodeJS.ProcessEnv = { ...process.env, ...kafka.env, KAFKA_HEAP_OPTS: '-Xmx256m' };
  const bootstrap = broker.brokers.join(',');
  return {
    available: true,
    producer: {
      description: `Kafka ${kafka.kafkaVersion}'s kafka-console-producer.sh`,
      produce: (topic, lines, extraArgs = []) => {
        const args = [
          '--bootstrap-server',
          bootstrap,
          '--topic',
          topic,
          p,
          'parse.key=true',
          p,
          'key.separator=|',
          ...(config.file === undefined ? [] : [configOption, config.file]),
          ...extraArgs,
        ];
        return runWithInput(join(home.binDir, 'kafka-console-producer.sh'), args, {
          input: lines.map((line) => `${line}\n`).join(''),
          shown: ['kafka-console-producer.sh', ...args.map((a) => (a.includes('|') ? `'${a}'` : a))].join(' '),
          env,
        });
      },
      close: () => undefined,
    },
  };
}
