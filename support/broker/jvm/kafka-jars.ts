import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BrokerSetupError } from '../broker-setup-error.js';
import { kafkaMajor } from '../kafka-versions.js';

const run = promisify(execFile);
const POM = join(dirname(fileURLToPath(import.meta.url)), 'kafka-jars.pom.xml');

export interface KafkaLibs {
  /** A directory laid out like an Apache Kafka distribution's: libs/ holds every jar. */
  kafkaHome: string;
  libsDir: string;
  kafkaVersion: string;
  source: 'KAFKA_HOME' | 'Maven Central cache';
}

const CORE_JAR = /^kafka_2\.1[23]-(\d+\.\d+\.\d+)\.jar$/;

/** The Kafka version whose core jar is in libsDir, or undefined when there is none. */
export function kafkaVersionInLibs(libsDir: string): string | undefined {
  if (!existsSync(libsDir) || !statSync(libsDir).isDirectory()) return undefined;
  for (const name of readdirSync(libsDir)) {
    const match = CORE_JAR.exec(name);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

export function fromKafkaHome(kafkaHome: string, requestedVersion: string | undefined): KafkaLibs {
  const home = resolve(kafkaHome);
  const libsDir = join(home, 'libs');
  const found = kafkaVersionInLibs(libsDir);
  if (found === undefined) {
    throw new BrokerSetupError(
      `KAFKA_HOME=${kafkaHome} has no Kafka jars (expected ${libsDir}/kafka_2.13-<version>.jar): ` +
        'point it at an unpacked Apache Kafka distribution, or unset it to fetch the jars from Maven Central.',
    );
  }
  if (requestedVersion !== undefined && requestedVersion !== found) {
    throw new BrokerSetupError(
      `KAFKA_VERSION=${requestedVersion} but KAFKA_HOME=${kafkaHome} holds Kafka ${found}: unset one of them.`,
    );
  }
  return { kafkaHome: home, libsDir, kafkaVersion: found, source: 'KAFKA_HOME' };
}

export function defaultJarsCache(env: Record<string, string | undefined> = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'kafka-event-spec');
}

/** Changes to the pom (e.g. another logging jar) must invalidate what an older pom fetched. */
function pomFingerprint(): string {
  return createHash('sha256').update(readFileSync(POM)).digest('hex').slice(0, 16);
}

function loggingProfile(version: string): string {
  return kafkaMajor(version) >= 4 ? 'log4j2' : 'reload4j';
}

/** True when `mvn` runs on this machine: what fetching jars needs. */
export async function mavenRuns(): Promise<boolean> {
  try {
    await run('mvn', ['--version'], { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** The file in a libs directory that says which kafka-jars.pom.xml fetched it: renamed in with the jars. */
const FETCHED_WITH = '.fetched-with-pom';

/** The jars of `version`, fetched with today's kafka-jars.pom.xml, are in `libsDir`. */
function fetchedAndCurrent(libsDir: string, version: string): boolean {
  const marker = join(libsDir, FETCHED_WITH);
  return (
    kafkaVersionInLibs(libsDir) === version &&
    existsSync(marker) &&
    readFileSync(marker, 'utf8').trim() === pomFingerprint()
  );
}

async function fetchWithMaven(version: string, libsDir: string, log: (line: string) => void): Promise<void> {
  if (!(await mavenRuns())) {
    throw new BrokerSetupError(
      "Maven (`mvn`) is needed to fetch Kafka's jars from Maven Central: install it, or set KAFKA_HOME to an unpacked Apache Kafka distribution.",
    );
  }
  const partial = `${libsDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  log(`kafka: fetching Apache Kafka ${version} jars from Maven Central into ${libsDir} (once; about 20 s)...`);
  const started = Date.now();
  try {
    await run(
      'mvn',
      [
        '-B',
        '-q',
        '-ntp',
        '-f',
        POM,
        `-Dkafka.version=${version}`,
        `-Dkafka.logging=${loggingProfile(version)}`,
        `-Dkafka.libs=${partial}`,
        'dependency:copy-dependencies',
      ],
      { timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    const output = error as { stdout?: string; stderr?: string };
    const tail = `${output.stdout ?? ''}${output.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new BrokerSetupError(
      `Maven could not fetch Apache Kafka ${version} from Maven Central (is ${version} a released version, and Maven Central reachable?)\n${tail}`,
    );
  }
  if (kafkaVersionInLibs(partial) !== version) {
    rmSync(partial, { recursive: true, force: true });
    throw new BrokerSetupError(`Maven ran, but ${partial} holds no kafka_2.13-${version}.jar.`);
  }
  writeFileSync(join(partial, FETCHED_WITH), `${pomFingerprint()}\n`);
  // Spec files run side by side, and two of them can fetch the same version at once (the ZooKeeper
  // specs' 3.9.2 on a fresh machine). The first one's JVMs may already run from libsDir and open its
  // jars lazily: removing them under those JVMs gave NoClassDefFoundError. So the jars already there
  // are kept, and only jars of another version or another pom are replaced.
  if (fetchedAndCurrent(libsDir, version)) {
    rmSync(partial, { recursive: true, force: true });
    log(
      `kafka: jars fetched in ${((Date.now() - started) / 1000).toFixed(1)} s (another fetch put the same jars in place first; using those)`,
    );
    return;
  }
  rmSync(libsDir, { recursive: true, force: true });
  try {
    renameSync(partial, libsDir);
  } catch (error) {
    // Another run fetched the same jars at the same time and won the rename: use theirs.
    rmSync(partial, { recursive: true, force: true });
    if (kafkaVersionInLibs(libsDir) !== version) throw error;
  }
  log(`kafka: jars fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The jars of Kafka `version` when the cache already holds them, else undefined (nothing is fetched). */
export function cachedKafkaLibs(version: string, cacheRoot: string): KafkaLibs | undefined {
  const kafkaHome = join(cacheRoot, `kafka_2.13-${version}`);
  const libsDir = join(kafkaHome, 'libs');
  if (kafkaVersionInLibs(libsDir) !== version) return undefined;
  return { kafkaHome, libsDir, kafkaVersion: version, source: 'Maven Central cache' };
}

/** The jars of Kafka `version` from the cache, fetching them with Maven the first time. */
export async function fromMavenCache(
  version: string,
  cacheRoot: string,
  log: (line: string) => void,
): Promise<KafkaLibs> {
  const kafkaHome = join(cacheRoot, `kafka_2.13-${version}`);
  const libsDir = join(kafkaHome, 'libs');
  if (!fetchedAndCurrent(libsDir, version)) {
    mkdirSync(kafkaHome, { recursive: true });
    await fetchWithMaven(version, libsDir, log);
  }
  return { kafkaHome, libsDir, kafkaVersion: version, source: 'Maven Central cache' };
}

export async function resolveKafkaLibs(
  settings: {
    kafkaHome: string | undefined;
    kafkaVersion: string;
    kafkaVersionExplicit: boolean;
    jarsCache: string | undefined;
  },
  log: (line: string) => void,
): Promise<KafkaLibs> {
  if (settings.kafkaHome !== undefined) {
    return fromKafkaHome(settings.kafkaHome, settings.kafkaVersionExplicit ? settings.kafkaVersion : undefined);
  }
  return fromMavenCache(settings.kafkaVersion, settings.jarsCache ?? defaultJarsCache(), log);
}
