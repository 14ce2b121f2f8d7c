/**
 * A KAFKA_HOME laid out like an Apache Kafka distribution (bin/kafka-topics.sh) or like Confluent's
 * packages (bin/kafka-topics), built from the run's jars: Maven Central has Kafka's jars but not
 * its distribution, and no Docker image can be pulled here. Its bin/ is the one `npm run kafka`
 * gives the learner (support/kafka-tools/kafka-bin.ts), with the Confluent names for that layout;
 * each command first notes its name and arguments in a log, so a spec can show that
 * create_topics.sh went through bin/ rather than straight to the jars.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaVersionInLibs } from '../broker/jvm/kafka-jars.js';
import { writeKafkaBin } from '../kafka-tools/kafka-bin.js';

export type BinLayout = 'distribution' | 'confluent';

/** The tools create_topics.sh runs. */
const TOOLS = ['kafka-topics', 'kafka-configs'] as const;

export interface BinLayoutKafkaHome {
  kafkaHome: string;
  /** One line per command run: its bin/ name, then its arguments. */
  invocations(): string[];
}

export function binLayoutKafkaHome(layout: BinLayout, libsDir: string, dir: string): BinLayoutKafkaHome {
  const kafkaHome = join(dir, `kafka-home-${layout}`);
  const log = join(dir, `kafka-home-${layout}.invocations`);
  mkdirSync(kafkaHome, { recursive: true });
  symlinkSync(libsDir, join(kafkaHome, 'libs'));
  writeFileSync(log, '');
  const kafkaVersion = kafkaVersionInLibs(libsDir);
  if (kafkaVersion === undefined) throw new Error(`${libsDir} holds no kafka_2.13-<version>.jar`);
  writeKafkaBin(kafkaHome, kafkaVersion, {
    suffix: layout === 'distribution' ? '.sh' : '',
    tools: TOOLS,
    invocationLog: log,
  });
  return {
    kafkaHome,
    invocations: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
  };
}
