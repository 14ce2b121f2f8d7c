import { execFile } from 'node:child_process';
import { classDataLaunch, type ClassDataKind } from './class-data.js';
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
export const SHORT_LIVED_JVM = ['-Xmx512m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export interface KafkaClassOptions {
  logConfig?: LogConfig;
  jvmOptions?: readonly string[];
  /** Which class-data archive to map when one was built for these jars and this Java (class-data.ts). */
  classData?: ClassDataKind;
  /** false: start without the archive even when there is one (the bench compares both). */
  archive?: boolean;
}

/** One of Kafka's main classes to start: with which Java, from which jars, with which arguments. */
export interface KafkaClassLaunch extends KafkaClassOptions {
  java: string;
  libsDir: string;
  mainClass: string;
  args: readonly string[];
}

/** A main class to run to completion, and how long it may take (120 s unless given). */
export interface KafkaClassRunOptions extends KafkaClassLaunch {
  timeoutMs?: number;
}

/**
 * The JVM arguments (after `java`) Kafka's bin/kafka-run-class.sh would use to start `mainClass` from
 * `libsDir`, plus the class-data archive of that kind when there is one (the tools' by default).
 */
export function kafkaClassLaunchArgs({
  java,
  libsDir,
  mainClass,
  args,
  logConfig = TOOLS_LOG_CONFIG,
  jvmOptions = SHORT_LIVED_JVM,
  classData = 'tools',
  archive = true,
}: KafkaClassLaunch): string[] {
  const launch = classDataLaunch({ libsDir, java, kind: classData, archive });
  return [
    ...jvmOptions,
    ...launch.jvmOptions,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${logConfig.log4j2}`,
    `-Dlog4j.configuration=file:${logConfig.log4j}`,
    '-cp',
    launch.classPath,
    mainClass,
    ...args,
  ];
}

/** One Kafka tool to start: with which Java, from which jars, its main class and arguments. */
export interface ToolStart {
  readonly java: string;
  readonly libsDir: string;
  readonly mainClass: string;
  readonly args: readonly string[];
  /** Whether to map the tools' class-data archive when there is one. */
  readonly archive: boolean;
}

/**
 * The command line (java first) that starts one Kafka tool the way the suite does, with or without
 * its class-data archive: for the bench, which times both.
 */
export function toolStartCommand({ java, libsDir, mainClass, args, archive }: ToolStart): string[] {
  return [java, ...kafkaClassLaunchArgs({ java, libsDir, mainClass, args, archive })];
}

/** Runs one of Kafka's main classes (a CLI tool) to completion. Never rejects on a non-zero exit. */
export function runKafkaMainClass({ timeoutMs = 120_000, ...launch }: KafkaClassRunOptions): Promise<KafkaClassRun> {
  const { java, mainClass } = launch;
  return new Promise((resolve, reject) => {
    execFile(
      java,
      kafkaClassLaunchArgs(launch),
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
