/**
 * The class-data sharing archives that make Kafka's JVMs start faster (support/broker/jvm/class-data.ts)
 * are really used by every way the suite starts one (its tool runner, the shell scripts' jars layout,
 * the broker), and a JVM that cannot use one starts exactly as without it: not a character more on
 * stdout or stderr, which specs compare.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { describe, expect } from 'vitest';
import {
  BROKER_LOG_CONFIG,
  classDataArchive,
  classDataDir,
  classDataDisabled,
  classDataFiles,
  explicitClassPath,
  javaRuntimeKey,
  kafkaClassLaunchArgs,
  type KafkaClassRun,
  runKafkaMainClass,
  SHORT_LIVED_JVM,
} from '#support/broker/jvm/index.js';
import { it } from '#support/fixtures/index.js';
import { kafkaToolClass, requireKafkaToolClass } from '#support/kafka-tools/index.js';
import { brokerOfThisRun, notRunHere } from '#support/run/index.js';
import { SHELL_SCRIPTS_DIR } from '#support/scripts/index.js';

const TIMEOUT_MS = 60_000;
const SHARED = 'source: shared objects file';
/** The tools the suite starts (its runner, the scripts, the by-hand commands), which the tools archive must hold. */
const SUITE_TOOLS = [
  'kafka-topics',
  'kafka-configs',
  'kafka-storage',
  'kafka-console-producer',
  'kafka-console-consumer',
  'kafka-consumer-groups',
  'kafka-broker-api-versions',
];

const broker = brokerOfThisRun();
const tools = broker.tools;

function whyNotHere(): string | undefined {
  if (tools.kind !== 'jvm')
    return `only the jvm runtime builds and uses class-data archives (at its first boot); this run's broker is from the ${broker.runtime} runtime`;
  if (classDataDisabled()) return 'KAFKA_CLASS_DATA=off: this run builds and uses no archive';
  const home = process.env.KAFKA_HOME?.trim();
  if (home !== undefined && home !== '')
    return `the archives are built beside the cached jars only; KAFKA_HOME=${home} is left as it is`;
  return undefined;
}

/** Runs `command` to completion; never rejects on a non-zero exit. */
function runCommand(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<KafkaClassRun> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env, timeout: TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number')
          reject(new Error(`${command} did not finish: ${error.message}`));
        else resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

/** A tool as the shell scripts' jars layout runs it (scripts/shell/lib/kafka-cli.sh), with `java`. */
function viaShellScripts(
  install: { kafkaHome: string; java: string; env?: NodeJS.ProcessEnv },
  tool: string,
  args: readonly string[],
): Promise<KafkaClassRun> {
  const { kafkaHome, java, env: extraEnv = {} } = install;
  const javaHome = isAbsolute(java) ? { JAVA_HOME: dirname(dirname(java)) } : {};
  const script = 'source "$0" && kafka_cli_exec_from_libs "$@"';
  return runCommand('bash', ['-c', script, join(SHELL_SCRIPTS_DIR, 'lib', 'kafka-cli.sh'), tool, ...args], {
    ...process.env,
    ...javaHome,
    KAFKA_HOME: kafkaHome,
    ...extraEnv,
  });
}

/**
 * The JVM serving `bootstrap` (host:port) when /proc shows it (Linux): the process whose command
 * line ends in a server.properties that listens there.
 */
function brokerProcess(bootstrap: string): { pid: string; args: string[] } | undefined {
  if (!existsSync('/proc/self/maps')) return undefined;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .filter((arg) => arg !== '');
      const last = args.at(-1) ?? '';
      if (
        args[0]?.endsWith('java') === true &&
        last.endsWith('.properties') &&
        readFileSync(last, 'utf8').includes(`PLAINTEXT://${bootstrap}`)
      )
        return { pid, args };
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return undefined;
}

/** Another JDK 17+ on this machine, to show that an archive of another JVM build is refused quietly. */
function anotherJava(java: string): string | undefined {
  const ownKey = javaRuntimeKey(java);
  const root = '/usr/lib/jvm';
  if (!existsSync(root)) return undefined;
  for (const name of readdirSync(root).sort()) {
    const candidate = join(root, name, 'bin', 'java');
    const release = join(root, name, 'release');
    if (!existsSync(candidate) || !existsSync(release)) continue;
    const major = Number(/^JAVA_VERSION="(\d+)/m.exec(readFileSync(release, 'utf8'))?.[1] ?? '0');
    const key = javaRuntimeKey(candidate);
    if (major >= 17 && key !== undefined && key !== ownKey) return candidate;
  }
  return undefined;
}

const reason = whyNotHere();
if (reason !== undefined || tools.kind !== 'jvm') {
  describe("Class-data sharing archives for Kafka's JVMs", () => {
    notRunHere("the suite's Kafka JVMs map their class-data archive", reason ?? 'not the jvm runtime');
  });
} else {
  const { java, libsDir, kafkaVersion } = tools;
  const topics = requireKafkaToolClass('kafka-topics', kafkaVersion);

  describe(
    `Class-data sharing archives for Kafka ${kafkaVersion}'s JVMs (${javaRuntimeKey(java) ?? 'unknown Java'})`,
    { timeout: TIMEOUT_MS },
    () => {
      const scratch = mkdtempSync(join(tmpdir(), 'class-data-spec-'));
      it.afterAll(() => {
        rmSync(scratch, { recursive: true, force: true });
      });

      it('the first boot built a tools and a broker archive beside the cached jars, for this Java', () => {
        for (const kind of ['tools', 'broker'] as const) {
          expect(
            classDataArchive(libsDir, java, kind),
            `the ${kind} archive in ${classDataDir(libsDir, java) ?? '(no directory for this Java)'}`,
          ).toBeDefined();
        }
      });

      it('the tools archive holds the main class of every tool the suite starts', async () => {
        const tools = classDataArchive(libsDir, java, 'tools');
        if (tools === undefined) throw new Error('no tools archive (see the test above)');
        const listing = await runCommand(java, [
          `-XX:SharedArchiveFile=${tools.archive}`,
          '-XX:+PrintSharedArchiveAndExit',
          '-cp',
          tools.classPath,
        ]);
        const missing = SUITE_TOOLS.map((tool) => kafkaToolClass(tool, kafkaVersion))
          .filter((mainClass): mainClass is string => mainClass !== undefined)
          .filter((mainClass) => !new RegExp(`\\s${mainClass.replaceAll('.', '\\.')}\\s`).test(listing.stdout));
        expect(missing, `main classes missing from ${tools.archive}`).toEqual([]);
      });

      it("a tool started by the suite's runner loads its classes from the tools archive", async () => {
        const run = await runKafkaMainClass({
          java,
          libsDir,
          mainClass: topics,
          args: ['--version'],
          timeoutMs: TIMEOUT_MS,
          jvmOptions: [...SHORT_LIVED_JVM, '-Xlog:class+load=info'],
        });
        expect(run.stdout, `${topics} --version with -Xlog:class+load`).toContain(`${topics} ${SHARED}`);
      });

      it('a tool started by the shell scripts (jars layout) loads its classes from the tools archive', async () => {
        const run = await viaShellScripts(
          { kafkaHome: dirname(libsDir), java, env: { JAVA_TOOL_OPTIONS: '-Xlog:class+load=info' } },
          'kafka-topics',
          ['--version'],
        );
        expect(
          run.stdout,
          `kafka-cli.sh kafka-topics --version with -Xlog:class+load (stderr: ${run.stderr.trim()})`,
        ).toContain(`${topics} ${SHARED}`);
      });

      it("the run's own broker maps the broker archive", async () => {
        const brokerArchive = classDataArchive(libsDir, java, 'broker');
        if (brokerArchive === undefined) throw new Error('no broker archive (see the first test)');
        const found = brokerProcess(broker.brokers[0] ?? '');
        // The boot that built the archive ran before it existed: it recorded its classes instead.
        const recordedItsClasses = found?.args.some((arg) => arg.startsWith('-XX:DumpLoadedClassList=')) === true;
        if (found !== undefined && !recordedItsClasses) {
          const { pid } = found;
          // Linux: the memory map of the very JVM that serves this run.
          const maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
          expect(
            maps.includes(brokerArchive.archive),
            `the run's broker (pid ${pid}) maps ${brokerArchive.archive}`,
          ).toBe(true);
          return;
        }
        // Elsewhere, or on the run that built it: the broker's main class started as the runtime starts it.
        const server = requireKafkaToolClass('kafka-server-start', kafkaVersion);
        const args = kafkaClassLaunchArgs({
          java,
          libsDir,
          mainClass: server,
          args: ['--version'],
          logConfig: BROKER_LOG_CONFIG,
          jvmOptions: ['-Xlog:class+load=info'],
          classData: 'broker',
        });
        const run = await runCommand(java, args);
        expect(run.stdout, `${server} --version with -Xlog:class+load`).toContain(`${server} ${SHARED}`);
      });

      /** A KAFKA_HOME of its own whose libs/ is a real directory (links to the run's jars), so it gets class-data/ of its own. */
      function homeOfLinkedJars(name: string): { home: string; libs: string } {
        const home = join(scratch, name);
        const libs = join(home, 'libs');
        mkdirSync(libs, { recursive: true });
        for (const jar of readdirSync(libsDir)) symlinkSync(join(realpathSync(libsDir), jar), join(libs, jar));
        return { home, libs };
      }

      function placeArchive(libs: string, forJava: string, archiveBytes: (file: string) => void): string {
        const dir = classDataDir(libs, forJava);
        if (dir === undefined) throw new Error(`${forJava} has no release file to key an archive by`);
        mkdirSync(dir, { recursive: true });
        const { archive, classPathFile } = classDataFiles(dir, 'tools');
        archiveBytes(archive);
        writeFileSync(classPathFile, `${explicitClassPath(libs)}\n`);
        return archive;
      }

      it('a damaged archive: the tools start as without one, with the same output and nothing more', async () => {
        const { home, libs } = homeOfLinkedJars('damaged');
        const before = {
          runner: await runKafkaMainClass({ java: java, libsDir: libs, mainClass: topics, args: ['--version'] }),
          shell: await viaShellScripts({ kafkaHome: home, java }, 'kafka-topics', ['--version']),
        };
        const good = classDataArchive(libsDir, java, 'tools');
        if (good === undefined) throw new Error('no tools archive to damage');
        const damaged = placeArchive(libs, java, (file) => {
          writeFileSync(file, readFileSync(good.archive).subarray(0, 1 << 20));
        });
        expect(
          kafkaClassLaunchArgs({ java: java, libsDir: libs, mainClass: topics, args: [] }),
          'the runner must try the damaged archive',
        ).toContain(`-XX:SharedArchiveFile=${damaged}`);
        const after = {
          runner: await runKafkaMainClass({ java: java, libsDir: libs, mainClass: topics, args: ['--version'] }),
          shell: await viaShellScripts({ kafkaHome: home, java }, 'kafka-topics', ['--version']),
        };
        expect(after, `${topics} --version with the damaged ${damaged}, vs without an archive`).toEqual(before);
      });

      const other = anotherJava(java);
      it.skipIf(other === undefined)(
        `an archive of another JVM build (${other ?? 'no second JDK 17+ in /usr/lib/jvm'}): the tools start as without one, with the same output and nothing more`,
        async () => {
          if (other === undefined) return;
          const { home, libs } = homeOfLinkedJars('other-java');
          const before = {
            runner: await runKafkaMainClass({ java: other, libsDir: libs, mainClass: topics, args: ['--version'] }),
            shell: await viaShellScripts({ kafkaHome: home, java: other }, 'kafka-topics', ['--version']),
          };
          const good = classDataArchive(libsDir, java, 'tools');
          if (good === undefined) throw new Error('no tools archive to hand to another JVM');
          const foreign = placeArchive(libs, other, (file) => {
            copyFileSync(good.archive, file);
          });
          expect(
            kafkaClassLaunchArgs({ java: other, libsDir: libs, mainClass: topics, args: [] }),
            'the runner must try the archive',
          ).toContain(`-XX:SharedArchiveFile=${foreign}`);
          const after = {
            runner: await runKafkaMainClass({ java: other, libsDir: libs, mainClass: topics, args: ['--version'] }),
            shell: await viaShellScripts({ kafkaHome: home, java: other }, 'kafka-topics', ['--version']),
          };
          expect(
            after,
            `${topics} --version on ${other} with ${javaRuntimeKey(java) ?? "the run's Java"}'s archive, vs without an archive`,
          ).toEqual(before);
        },
      );
    },
  );
}
