/**
 * The KAFKA_HOME a learner types the milestone's commands in: `npm run kafka` and `npm run
 * kafka:jars` lay it out beside the cached jars (…/kafka_2.13-<version>/home: bin/, config/ and a
 * link to libs/), so `kafka-topics.sh --bootstrap-server localhost:9092 …` runs as written once bin/
 * is on PATH. The jars' own directory stays libs-only: the suite's shell-script specs prove the
 * scripts' jars layout on it.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaLibs } from '../broker/jvm/kafka-jars.js';
import { kafkaMajor } from '../broker/kafka-versions.js';
import { kafkaCliDialect } from './kafka-cli-commands.js';
import { writeFileIfChanged, writeKafkaBin } from './kafka-bin.js';

export interface LearnerKafkaHome {
  kafkaHome: string;
  binDir: string;
  /** The single-node KRaft config step 1 formats and starts, as the release ships it (config/…). */
  serverProperties: string;
  /** The line that puts bin/ on PATH. */
  pathLine: string;
}

export interface ServerPropertiesOptions {
  brokerPort?: number;
  controllerPort?: number;
  logDir?: string;
}

/**
 * A single-node KRaft server.properties like the one Kafka `kafkaVersion` ships: 4.x's uses a
 * dynamic quorum (controller.quorum.bootstrap.servers), so `kafka-storage.sh format` needs
 * --standalone; 3.9's a static one (controller.quorum.voters), formatted without it. Plus what the
 * milestone relies on: no topic is created by a typo, and a group's first consumer joins at once.
 */
export function learnerServerProperties(kafkaVersion: string, options: ServerPropertiesOptions = {}): string {
  const { brokerPort = 9092, controllerPort = 9093, logDir = '/tmp/kraft-combined-logs' } = options;
  // What the release's own sample does, decided here and not from the page's commands, which must fit it.
  const dynamicQuorum = kafkaMajor(kafkaVersion) >= 4;
  const quorum = dynamicQuorum
    ? `controller.quorum.bootstrap.servers=localhost:${controllerPort}`
    : `controller.quorum.voters=1@localhost:${controllerPort}`;
  return [
    `# Single-node KRaft (broker and controller in one process) for Kafka ${kafkaVersion}, written by`,
    '# support/kafka-tools/learner-kafka-home.ts. Format its storage once, then start it:',
    `#   kafka-storage.sh format ${kafkaCliDialect(kafkaVersion).formatOptions}-t "$(kafka-storage.sh random-uuid)" -c ${kafkaCliDialect(kafkaVersion).serverProperties}`,
    `#   kafka-server-start.sh ${kafkaCliDialect(kafkaVersion).serverProperties}`,
    'process.roles=broker,controller',
    'node.id=1',
    quorum,
    `listeners=PLAINTEXT://localhost:${brokerPort},CONTROLLER://localhost:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://localhost:${brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

/** The directory a learner's KAFKA_HOME is laid out in for these jars. */
export function learnerKafkaHomeDir(libs: KafkaLibs): string {
  return libs.source === 'KAFKA_HOME' ? libs.kafkaHome : join(libs.kafkaHome, 'home');
}

/**
 * A KAFKA_HOME with bin/ for `libs`: an unpacked distribution (KAFKA_HOME) as it is; the jars
 * from Maven Central get bin/, config/ and libs/ in …/home. Undefined for a KAFKA_HOME with jars
 * but no bin/ (this writes nothing into a directory of the user's).
 */
export function layOutLearnerKafkaHome(libs: KafkaLibs): LearnerKafkaHome | undefined {
  const dialect = kafkaCliDialect(libs.kafkaVersion);
  const kafkaHome = learnerKafkaHomeDir(libs);
  const binDir = join(kafkaHome, 'bin');
  if (libs.source === 'KAFKA_HOME') {
    if (!existsSync(join(binDir, 'kafka-topics.sh'))) return undefined;
  } else {
    mkdirSync(kafkaHome, { recursive: true });
    const link = join(kafkaHome, 'libs');
    try {
      symlinkSync(libs.libsDir, link);
    } catch (error) {
      // Laid out before, or by another run at the same moment: the link is the same.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    writeKafkaBin(kafkaHome, libs.kafkaVersion, { suffix: '.sh' });
    writeFileIfChanged(join(kafkaHome, dialect.serverProperties), learnerServerProperties(libs.kafkaVersion));
  }
  return {
    kafkaHome,
    binDir,
    serverProperties: join(kafkaHome, dialect.serverProperties),
    pathLine: `export PATH="${binDir}:$PATH"`,
  };
}
