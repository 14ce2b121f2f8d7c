/**
 * Class-data sharing (AppCDS) archives for the JVMs the suite starts from the cached jars: a JVM
 * that maps an archive skips parsing and verifying the few thousand classes a Kafka tool or broker
 * loads, which halves a tool's start (see class-data-build.ts for how they are made).
 *
 * Layout, beside the jars (never inside a user's KAFKA_HOME, which has no class-data/):
 *   <dir of libs>/class-data/<java key>/tools.jsa        the archive for the command-line tools
 *   <dir of libs>/class-data/<java key>/tools.classpath  the jar list it was dumped with
 *   <dir of libs>/class-data/<java key>/broker.jsa, broker.classpath   the same for kafka.Kafka
 *
 * An archive holds only for the JVM build and the jars (paths, sizes, times) it was dumped with, and
 * only when the run's class path starts with its own: hence one directory per Java runtime version
 * and the explicit jar list instead of libs/* (whose expansion order the launcher does not promise).
 * scripts/shell/lib/kafka-cli.sh (kafka_cli_class_data_opts) finds the same files by the same rules.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

export type ClassDataKind = 'tools' | 'broker';

/** KAFKA_CLASS_DATA=off: no archive is built or used (every JVM parses its classes as usual). */
export function classDataDisabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.KAFKA_CLASS_DATA?.trim().toLowerCase() === 'off';
}

/**
 * Options that make a JVM use an archive if it can and otherwise start as usual, silently: a JVM
 * of another build, or a damaged file, prints "[warning][cds] ..." on stdout by default, which
 * would end up in a tool's output.
 */
export const QUIET_CLASS_DATA_OPTIONS = ['-Xshare:auto', '-Xlog:cds*=off'] as const;

function onPath(command: string): string | undefined {
  if (isAbsolute(command) || command.includes('/')) return command;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir === '' ? '.' : dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const javaKeys = new Map<string, string | undefined>();

/**
 * Which Java runtime `java` is, as a directory name: its JDK's `release` file holds the same
 * version string as `java -version`'s "build ..." (java.runtime.version) and the vendor, and reading
 * it costs no JVM start (the shell scripts read it the same way). Undefined when there is none.
 */
export function javaRuntimeKey(java: string): string | undefined {
  if (javaKeys.has(java)) return javaKeys.get(java);
  let key: string | undefined;
  try {
    const executable = onPath(java);
    if (executable !== undefined) {
      const release = readFileSync(join(dirname(dirname(realpathSync(executable))), 'release'), 'utf8');
      const field = (name: string) => new RegExp(`^${name}="([^"]*)"`, 'm').exec(release)?.[1] ?? '';
      const version = field('JAVA_RUNTIME_VERSION');
      if (version !== '') key = `${version}-${field('IMPLEMENTOR')}`.replace(/[^A-Za-z0-9._+-]/g, '_');
    }
  } catch {
    key = undefined;
  }
  javaKeys.set(java, key);
  return key;
}

/** Where the archives for these jars and this Java live (whether or not they exist yet). */
export function classDataDir(libsDir: string, java: string): string | undefined {
  const key = javaRuntimeKey(java);
  if (key === undefined) return undefined;
  try {
    return join(dirname(realpathSync(libsDir)), 'class-data', key);
  } catch {
    return undefined;
  }
}

export interface ClassDataArchive {
  archive: string;
  /** The class path to run with: exactly the one the archive was dumped with. */
  classPath: string;
}

/** The files of one archive, by name (they may not exist). */
export function classDataFiles(dir: string, kind: ClassDataKind): { archive: string; classPathFile: string } {
  return { archive: join(dir, `${kind}.jsa`), classPathFile: join(dir, `${kind}.classpath`) };
}

/**
 * The archive of `kind` for these jars and this Java, when it has been built (and KAFKA_CLASS_DATA
 * is not off); else undefined. For the bench too: it starts a tool with and without it.
 */
export function classDataArchive(libsDir: string, java: string, kind: ClassDataKind): ClassDataArchive | undefined {
  if (classDataDisabled()) return undefined;
  const dir = classDataDir(libsDir, java);
  if (dir === undefined) return undefined;
  const { archive, classPathFile } = classDataFiles(dir, kind);
  try {
    if (!statSync(archive).isFile()) return undefined;
    const classPath = readFileSync(classPathFile, 'utf8').trim();
    return classPath === '' ? undefined : { archive, classPath };
  } catch {
    return undefined;
  }
}

/** A JVM to launch from Kafka's jars. */
export interface ClassDataLaunchOptions {
  readonly libsDir: string;
  readonly java: string;
  readonly kind: ClassDataKind;
  /** false: without the archive even when there is one; true unless given. */
  readonly archive?: boolean;
}

/** The JVM options and class path for a JVM of `kind` from `libsDir`: the archive's when there is one. */
export function classDataLaunch({ libsDir, java, kind, archive = true }: ClassDataLaunchOptions): {
  jvmOptions: string[];
  classPath: string;
} {
  const found = archive ? classDataArchive(libsDir, java, kind) : undefined;
  if (found === undefined) return { jvmOptions: [], classPath: join(libsDir, '*') };
  return {
    jvmOptions: [`-XX:SharedArchiveFile=${found.archive}`, ...QUIET_CLASS_DATA_OPTIONS],
    classPath: found.classPath,
  };
}
