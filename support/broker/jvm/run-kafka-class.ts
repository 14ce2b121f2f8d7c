import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { TOOLS_LOG_CONFIG, type LogConfig } from './log-config.js';

export interface KafkaClassRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Tools run for a second or two: the C1 compiler alone and the serial collector start them about
 * 40% faster (measured on 2 cores), and they never run long enough to miss C2.
 */
const SHORT_LIVED_JVM = ['-Xmx512m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** The JVM arguments Kafka's bin/kafka-run-class.sh would use to start `mainClass` from `libsDir`. */
export function kafkaClassArgs(
  libsDir: string,
  mainClass: string,
  args: readonly string[],
  logConfig: LogConfig = TOOLS_LOG_CONFIG,
  jvmOptions: readonly string[] = SHORT_LIVED_JVM,
): string[] {
  return [
    ...jvmOptions,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${logConfig.log4j2}`,
    `-Dlog4j.configuration=file:${logConfig.log4j}`,
    '-cp',
    join(libsDir, '*'),
    mainClass,
    ...args,
  ];
}

/** Runs one of Kafka's main classes (a CLI tool) to completion. Never rejects on a non-zero exit. */
export function runKafkaClass(
  java: string,
  libsDir: string,
  mainClass: string,
  args: readonly string[],
  timeoutMs = 120_000,
  jvmOptions: readonly string[] = SHORT_LIVED_JVM,
): Promise<KafkaClassRun> {
  return new Promise((resolve, reject) => {
    execFile(
      java,
      kafkaClassArgs(libsDir, mainClass, args, TOOLS_LOG_CONFIG, jvmOptions),
      { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`${mainClass} did not finish: ${error.message}`));
          return;
        }
        resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}
