/**
 * A KAFKA_HOME laid out like an Apache Kafka distribution (bin/kafka-topics.sh) or like Confluent's
 * packages (bin/kafka-topics), built from the run's jars: Maven Central has Kafka's jars but not
 * its distribution, and no Docker image can be pulled here. Each bin/ command runs the main class
 * the real one runs, and first notes its name and arguments in a log, so a spec can show that
 * create_topics.sh went through bin/ rather than straight to the jars.
 */
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaVersionInLibs } from '../broker/jvm/kafka-jars.js';
import { requireKafkaToolClass } from '../kafka-tools/kafka-tool-classes.js';
import { SHELL_SCRIPTS_DIR } from './shell-scripts.js';

export type BinLayout = 'distribution' | 'confluent';

/** The tools create_topics.sh runs; each runs the class the one table gives for the jars' version. */
const TOOLS = ['kafka-topics', 'kafka-configs'] as const;

export interface BinLayoutKafkaHome {
  kafkaHome: string;
  /** One line per command run: its bin/ name, then its arguments. */
  invocations(): string[];
}

export function binLayoutKafkaHome(layout: BinLayout, libsDir: string, dir: string): BinLayoutKafkaHome {
  const kafkaHome = join(dir, `kafka-home-${layout}`);
  const log = join(dir, `kafka-home-${layout}.invocations`);
  mkdirSync(join(kafkaHome, 'bin'), { recursive: true });
  symlinkSync(libsDir, join(kafkaHome, 'libs'));
  writeFileSync(log, '');
  const logConfig = join(SHELL_SCRIPTS_DIR, 'lib', 'log-config');
  const kafkaVersion = kafkaVersionInLibs(libsDir);
  if (kafkaVersion === undefined) throw new Error(`${libsDir} holds no kafka_2.13-<version>.jar`);
  for (const tool of TOOLS) {
    const mainClass = requireKafkaToolClass(tool, kafkaVersion);
    const name = layout === 'distribution' ? `${tool}.sh` : tool;
    const file = join(kafkaHome, 'bin', name);
    writeFileSync(
      file,
      [
        '#!/usr/bin/env bash',
        `printf '%s\\n' "${name} $*" >> '${log}'`,
        'java=${JAVA_HOME:+$JAVA_HOME/bin/}java',
        `exec "$java" -Xmx256M -Dlog4j2.configurationFile='${join(logConfig, 'tools-log4j2.properties')}' ` +
          `-Dlog4j.configuration='file:${join(logConfig, 'tools-log4j.properties')}' -cp '${kafkaHome}/libs/*' ${mainClass} "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(file, 0o755);
  }
  return {
    kafkaHome,
    invocations: () => readFileSync(log, 'utf8').split('\n').filter((line) => line !== ''),
  };
}
