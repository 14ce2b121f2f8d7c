import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { BrokerSetupError } from '../../broker-setup-error.js';
import { findJava } from '../../jvm/find-java.js';

const run = promisify(execFile);

/**
 * What the image borrows from this machine, since no registry can give it a base image: the Java
 * runtime that runs the jvm runtime's broker, bash (the cp-kafka launch scripts and testcontainers'
 * port check use it) and a busybox for everything else a shell needs (sh, sleep, id, nc, ...).
 */
export interface HostRuntime {
  /** The real directory of the JDK or JRE, the one with bin/java and lib/. */
  javaHome: string;
  /** Its `release` file: names the exact Java build, so an update rebuilds the image. */
  javaRelease: string;
  bash: string;
  busybox: string;
}

function onPath(command: string, env: Record<string, string | undefined>): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

async function findJavaHome(env: Record<string, string | undefined>): Promise<string> {
  const found = await findJava(env);
  if (found.java === undefined) {
    throw new BrokerSetupError(`The local Kafka image copies this machine's Java 17+, but ${found.problem}.`);
  }
  const executable = found.java.executable.includes('/') ? found.java.executable : onPath(found.java.executable, env);
  if (executable === undefined) throw new BrokerSetupError(`Could not locate ${found.java.executable} on PATH.`);
  const javaHome = dirname(dirname(realpathSync(executable)));
  if (!existsSync(join(javaHome, 'release')) || !existsSync(join(javaHome, 'lib'))) {
    throw new BrokerSetupError(`${javaHome} does not look like a Java installation (no release file or lib/).`);
  }
  return javaHome;
}

export async function findHostRuntime(env: Record<string, string | undefined> = process.env): Promise<HostRuntime> {
  const javaHome = await findJavaHome(env);
  const bash = onPath('bash', env);
  if (bash === undefined)
    throw new BrokerSetupError("The local Kafka image copies this machine's bash, but there is none on PATH.");
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p)) ?? onPath('busybox', env);
  if (busybox === undefined) {
    throw new BrokerSetupError(
      'The local Kafka image needs busybox for its shell tools: apt-get install -y busybox-static (.ci/docker-engine.sh start installs it).',
    );
  }
  return {
    javaHome,
    javaRelease: readFileSync(join(javaHome, 'release'), 'utf8'),
    bash: realpathSync(bash),
    busybox: realpathSync(busybox),
  };
}

/** Every shared library file under dir (recursively): the JRE's native code. */
export function sharedObjectsUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sharedObjectsUnder(path));
    else if (entry.isFile() && entry.name.endsWith('.so')) found.push(path);
  }
  return found;
}

/**
 * The libraries the dynamic loader resolves for these executables and libraries (what `ldd`
 * lists), including the loader itself, by the absolute path the loader finds them at. Libraries
 * `ldd` reports as not found are left out: they belong to parts of the JRE a headless broker does
 * not load. One `ldd` for all files: it exits 1 when one of them is static (busybox), which is fine.
 */
export async function sharedLibraryDependencies(
  elfFiles: readonly string[],
  skipUnder: readonly string[],
): Promise<string[]> {
  let output: string;
  try {
    ({ stdout: output } = await run('ldd', elfFiles, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    const { code, stdout } = error as { code?: unknown; stdout?: string };
    if (typeof code !== 'number' || stdout === undefined) {
      throw new Error(`ldd could not run: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    output = stdout;
  }
  const libraries = new Set<string>();
  for (const line of output.split('\n')) {
    const path = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line)?.[1];
    if (path !== undefined && !skipUnder.some((dir) => realpathSync(path).startsWith(`${dir}/`))) libraries.add(path);
  }
  return [...libraries].sort();
}
