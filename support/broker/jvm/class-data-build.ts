/**
 * Builds the class-data archives of class-data.ts, once per Kafka version and Java runtime, at the
 * jvm runtime's first boot: the broker's archive from the classes the run's own broker loaded
 * while booting (-XX:DumpLoadedClassList, no extra boot), the tools' from short real runs of each
 * tool the suite starts, against that broker (an archive of real runs maps about twice the classes
 * one of `--help` runs does, and starts TopicCommand ~30% faster still). Each archive is a static
 * dump (-Xshare:dump) of those class lists; files appear by rename, so a JVM, another vitest worker
 * or another run never sees half of one, and two runs building at once both end with a whole one.
 */
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaToolClass } from '../../kafka-tools/kafka-tool-classes.js';
import { classDataDir, classDataDisabled, classDataFiles, type ClassDataKind } from './class-data.js';
import type { KafkaLibs } from './kafka-jars.js';
import { kraftServerProperties, randomClusterId, toPropertiesFile } from './kraft-config.js';
import { kafkaClassLaunchArgs, SHORT_LIVED_JVM } from './run-kafka-class.js';

const STEP_TIMEOUT_MS = 60_000;

/** What a run still has to build for these jars and this Java; undefined when nothing (or archives are off). */
export interface ClassDataPlan {
  dir: string;
  kinds: ClassDataKind[];
}

/**
 * Archives are built only beside the cached jars (a user's KAFKA_HOME is left as it is), and again
 * when the jars are newer than the archive (fetched anew).
 */
export function classDataPlan(libs: KafkaLibs, java: string): ClassDataPlan | undefined {
  if (classDataDisabled() || libs.source !== 'Maven Central cache') return undefined;
  const dir = classDataDir(libs.libsDir, java);
  if (dir === undefined) return undefined;
  try {
    const jarsTime = statSync(realpathSync(libs.libsDir)).mtimeMs;
    const kinds = (['broker', 'tools'] as const).filter((kind) => {
      const { archive, classPathFile } = classDataFiles(dir, kind);
      try {
        return statSync(archive).mtimeMs < jarsTime || statSync(classPathFile).mtimeMs < jarsTime;
      } catch {
        return true;
      }
    });
    if (kinds.length === 0) return undefined;
    mkdirSync(dir, { recursive: true });
    return { dir, kinds };
  } catch {
    // A cache this run may not write to: the JVMs start without archives, as before.
    return undefined;
  }
}

/** Every jar of `libsDir`, by its real path, in one fixed order: the class path of the dump and of every run. */
export function explicitClassPath(libsDir: string): string {
  const real = realpathSync(libsDir);
  return readdirSync(real)
    .filter((name) => name.endsWith('.jar'))
    .sort()
    .map((name) => join(real, name))
    .join(':');
}

interface JvmResult {
  code: number | null;
  output: string;
}

function runJvm(java: string, args: readonly string[], stdin = ''): Promise<JvmResult> {
  return new Promise((resolve) => {
    const child = execFile(
      java,
      args,
      { timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          output: `${stdout}${stderr}`,
        });
      },
    );
    child.stdin?.end(stdin);
  });
}

/** Where the tools' short runs start from and against what. */
interface ToolClassRuns {
  readonly libs: KafkaLibs;
  readonly java: string;
  /** The running broker the tools talk to. */
  readonly bootstrap: string;
  /** A scratch directory for the class lists and the tools' files. */
  readonly work: string;
}

/** Short real runs of the tools the suite starts; each records the classes it loaded in its own list. */
async function recordToolClasses({ libs, java, bootstrap, work }: ToolClassRuns): Promise<string[]> {
  const version = libs.kafkaVersion;
  const probeTopic = `class-data-probe-${process.pid}`;
  const storageConfig = join(work, 'format.properties');
  writeFileSync(
    storageConfig,
    toPropertiesFile(
      kraftServerProperties({
        kafkaVersion: version,
        brokerPort: 1,
        controllerPort: 2,
        logDir: join(work, 'data'),
        extra: {},
      }),
    ),
  );
  const runs: [tool: string, args: string[]][] = [
    ['kafka-topics', ['--bootstrap-server', bootstrap, '--list']],
    [
      'kafka-configs',
      ['--bootstrap-server', bootstrap, '--describe', '--entity-type', 'brokers', '--entity-name', '1'],
    ],
    ['kafka-storage', ['format', '--cluster-id', randomClusterId(), '--config', storageConfig]],
    ['kafka-console-consumer', ['--bootstrap-server', bootstrap, '--topic', probeTopic, '--timeout-ms', '1000']],
    ['kafka-console-producer', ['--bootstrap-server', bootstrap, '--topic', probeTopic]],
    ['kafka-consumer-groups', ['--bootstrap-server', bootstrap, '--list']],
    ['kafka-broker-api-versions', ['--bootstrap-server', bootstrap]],
  ];
  const lists: string[] = [];
  const start = async ([tool, args]: [string, string[]]) => {
    const mainClass = kafkaToolClass(tool, version);
    if (mainClass === undefined) return;
    const list = join(work, `${tool}.classlist`);
    const jvmOptions = [...SHORT_LIVED_JVM, `-XX:DumpLoadedClassList=${list}`];
    await runJvm(
      java,
      kafkaClassLaunchArgs({ java, libsDir: libs.libsDir, mainClass, args, jvmOptions, archive: false }),
    );
    lists.push(list);
  };
  // Two at a time: the machines this runs on have two cores or more.
  for (let i = 0; i < runs.length; i += 2) await Promise.all(runs.slice(i, i + 2).map(start));
  return lists;
}

/**
 * One class list from several: the lines of all (each class once, comments and the per-file
 * `id: N` numbers dropped, which only classes of custom loaders need and these lists have none).
 */
export function mergeClassLists(texts: readonly string[]): string {
  const seen = new Set<string>();
  for (const text of texts) {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/ id: \d+$/, '').trimEnd();
      if (line !== '' && !line.startsWith('#')) seen.add(line);
    }
  }
  return [...seen, ''].join('\n');
}

/** One archive to dump: the Java and jars it is for, the directory it goes to, its kind and class list. */
interface ArchiveDump {
  readonly java: string;
  readonly libsDir: string;
  /** The class-data directory of these jars and this Java. */
  readonly dir: string;
  readonly kind: ClassDataKind;
  /** The file listing the classes to archive. */
  readonly classList: string;
}

/**
 * A static archive of the classes in `classList`, written to kind.jsa (and kind.classpath) by rename.
 * Undefined when it was written; else the one line saying why not.
 */
async function dumpArchive({ java, libsDir, dir, kind, classList }: ArchiveDump): Promise<string | undefined> {
  const { archive, classPathFile } = classDataFiles(dir, kind);
  const suffix = `.partial-${process.pid}`;
  const classPath = explicitClassPath(libsDir);
  const dump = await runJvm(java, [
    '-Xshare:dump',
    `-XX:SharedClassListFile=${classList}`,
    `-XX:SharedArchiveFile=${archive}${suffix}`,
    '-cp',
    classPath,
  ]);
  if (dump.code !== 0) {
    rmSync(`${archive}${suffix}`, { force: true });
    const last = dump.output.trim().split('\n').pop() ?? '';
    return `${kind} archive: java -Xshare:dump ${dump.code === null ? 'timed out' : `exited ${dump.code}`}${last === '' ? '' : ` (${last})`}`;
  }
  writeFileSync(`${classPathFile}${suffix}`, `${classPath}\n`);
  renameSync(`${classPathFile}${suffix}`, classPathFile);
  renameSync(`${archive}${suffix}`, archive);
  return undefined;
}

/**
 * Builds what `plan` lacks: the broker archive from `brokerClassList` (recorded by the running
 * broker), the tools' from runs against `bootstrap`. Never throws: a JVM that cannot dump leaves
 * the suite as fast as before, which one line says.
 */
export async function buildClassDataArchives(
  plan: ClassDataPlan,
  options: {
    libs: KafkaLibs;
    java: string;
    bootstrap: string;
    brokerClassList: string | undefined;
    log: (line: string) => void;
  },
): Promise<void> {
  const { libs, java, log } = options;
  const started = Date.now();
  log(
    `kafka: building class-data archives (${plan.kinds.join(', ')}) for Kafka ${libs.kafkaVersion} on this Java in ${plan.dir} (once; about 20 s)...`,
  );
  const work = mkdtempSync(join(tmpdir(), 'kafka-class-data-'));
  const problems: string[] = [];
  try {
    const dumps: Promise<string | undefined>[] = [];
    if (plan.kinds.includes('broker') && options.brokerClassList !== undefined) {
      const list = join(work, 'broker.classlist');
      writeFileSync(list, mergeClassLists([readFileSync(options.brokerClassList, 'utf8')]));
      dumps.push(dumpArchive({ java, libsDir: libs.libsDir, dir: plan.dir, kind: 'broker', classList: list }));
    }
    if (plan.kinds.includes('tools')) {
      const lists = await recordToolClasses({ libs, java, bootstrap: options.bootstrap, work });
      const list = join(work, 'tools.classlist');
      writeFileSync(list, mergeClassLists(lists.map((file) => readFileSync(file, 'utf8'))));
      dumps.push(dumpArchive({ java, libsDir: libs.libsDir, dir: plan.dir, kind: 'tools', classList: list }));
    }
    for (const problem of await Promise.all(dumps)) if (problem !== undefined) problems.push(problem);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (options.brokerClassList !== undefined) rmSync(options.brokerClassList, { force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    problems.length === 0
      ? `kafka: class-data archives built in ${seconds} s`
      : `kafka: class-data archives not (all) built, Kafka's JVMs start without them: ${problems.join('; ')}`,
  );
}
