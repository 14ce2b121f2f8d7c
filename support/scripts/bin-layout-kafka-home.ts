/**
 * A KAFKA_HOME laid out like an Apache Kafka distribution (bin/kafka-topics.sh) or like Confluent's
 * packages (bin/kafka-topics), built from the run's jars: Maven Central has Kafka's jars but not
 * its distribution, and no Docker image can be pulled here. Its bin/ is the one `npm run kafka`
 * gives the learner (support/kafka-tools/kafka-bin.ts), with the Confluent names for that layout;
 * each command first notes its name and arguments in a log, so a spec can show that
 * create_topics.sh went through bin/ rather than straight to the jars.
 *
 * With `describeLagsOnce`, its kafka-topics answers the first --describe as a broker that has not yet
 * learned the topics just created (Kafka's own error, exit 1), then runs for real: the moment CI
 * met on a loaded machine, which no spec can make a real broker show on demand.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

export interface BinLayoutOptions {
  /** The run's Kafka jars, linked as KAFKA_HOME/libs. */
  libsDir: string;
  /** Where KAFKA_HOME and its invocation log are made. */
  dir: string;
  /** The first kafka-topics --describe fails as it does before the broker shows any of its topics. */
  describeLagsOnce?: boolean;
}

/** Kafka's answer to kafka-topics --describe --topic PATTERN when nothing matches PATTERN yet. */
const NO_TOPIC_YET = `printf '[%s] ERROR java.lang.IllegalArgumentException: Topic '"'"'%s'"'"' does not exist as expected\\n' "$(date '+%F %T')" "$pattern" >&2`;

/** Lines for a kafka-topics script, after it logs itself: fail its first --describe once, as a lagging broker does. */
function describeLagsOnceLines(marker: string): string[] {
  return [
    '# A lagging broker (support/scripts/bin-layout-kafka-home.ts): the first --describe sees no topic.',
    `if [[ " $* " == *" --describe "* && ! -e '${marker}' ]]; then`,
    `  : > '${marker}'`,
    '  args=("$@") pattern=\'\'',
    '  for ((i = 0; i + 1 < ${#args[@]}; i++)); do',
    '    if [[ ${args[i]} == --topic ]]; then pattern=${args[i + 1]}; fi',
    '  done',
    `  ${NO_TOPIC_YET}`,
    '  exit 1',
    'fi',
  ];
}

export function binLayoutKafkaHome(layout: BinLayout, options: BinLayoutOptions): BinLayoutKafkaHome {
  const { libsDir, dir } = options;
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
  if (options.describeLagsOnce === true) {
    const topicsScript = join(kafkaHome, 'bin', `kafka-topics${layout === 'distribution' ? '.sh' : ''}`);
    const marker = join(dir, `kafka-home-${layout}.described-once`);
    if (!existsSync(topicsScript)) throw new Error(`${topicsScript} was not written`);
    // After the line that logs the command, so the refused describe is in invocations() too.
    const lines = readFileSync(topicsScript, 'utf8').split('\n');
    const logged = lines.findIndex((line) => line.includes(log));
    if (logged < 0) throw new Error(`${topicsScript} does not log its invocations`);
    lines.splice(logged + 1, 0, ...describeLagsOnceLines(marker));
    writeFileSync(topicsScript, lines.join('\n'));
  }
  return {
    kafkaHome,
    invocations: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
  };
}
