/**
 * Builds the bench's Spring Kafka peer (bench/spring-kafka-peer/, a Maven project) once per version
 * of its sources: the jar and its dependencies go into a cache directory under
 * ~/.cache/kafka-event-spec/ named for a hash of the pom and the Java sources, so the bench runs
 * Maven again only after they change. Maven works offline first (everything already in ~/.m2), then
 * fetches from Maven Central. Nothing here throws: a machine without Maven, or a failed build, gives the reason in one line, which the bench prints as the rows' "not run: ...".
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultJarsCache } from '../support/broker/jvm/kafka-jars.js';
import { stripAnsi } from '../support/reporting/strip-ansi.js';

/** How to start the peer: the Java it was built for and its class path. */
export interface SpringPeer {
  readonly java: string;
  readonly classpath: string;
}

export type SpringPeerBuild = { readonly peer: SpringPeer } | { readonly notRun: string };

export const PEER_PROJECT = fileURLToPath(new URL('./spring-kafka-peer/', import.meta.url));
const BUILD_TIMEOUT_MS = 15 * 60_000;
const PROGRESS_EVERY_MS = 15_000;
// Written last into a finished cache directory: a directory without it is a build that did not end.
const READY = 'ready';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .flatMap((path) => (statSync(path).isDirectory() ? sourceFiles(path) : [path]));
}

/** A hash of pom.xml and everything under src/: what the built jar and its dependencies depend on. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of [join(PEER_PROJECT, 'pom.xml'), ...sourceFiles(join(PEER_PROJECT, 'src')).sort()]) {
    hash.update(relative(PEER_PROJECT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const classpathOf = (dir: string) => `${join(dir, 'build', 'spring-kafka-peer.jar')}:${join(dir, 'lib', '*')}`;

interface MavenRun {
  readonly exitCode: number;
  readonly output: string;
}

function maven(args: readonly string[], log: (line: string) => void, what: string): Promise<MavenRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('mvn', args, { cwd: PEER_PROJECT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const progress = setInterval(() => {
      log(`  Spring Kafka peer: ${what}, ${Math.round((Date.now() - started) / 1000)} s so far...`);
    }, PROGRESS_EVERY_MS);
    const timeout = setTimeout(() => {
      output += `\n[ERROR] no result within ${BUILD_TIMEOUT_MS / 60_000} minutes`;
      child.kill('SIGKILL');
    }, BUILD_TIMEOUT_MS);
    let finished = false;
    const finish = (exitCode: number) => {
      if (finished) return;
      finished = true;
      clearInterval(progress);
      clearTimeout(timeout);
      resolve({ exitCode, output });
    };
    child.once('error', (error) => {
      output += `\n[ERROR] ${error.message}`;
      finish(127);
    });
    child.once('close', (code) => {
      finish(code ?? 1);
    });
  });
}

/** Maven's first [ERROR] line that says something (not its "re-run with -e" advice), in one line. */
function firstError(output: string): string {
  const errors = output
    .split('\n')
    .map((line) => stripAnsi(line).trim())
    .filter((line) => line.startsWith('[ERROR]'))
    .map((line) => line.replace(/^\[ERROR\]\s*/, ''))
    .filter((line) => line !== '' && !/^(To see the full|Re-run Maven|For more information|\[Help|->)/.test(line));
  return errors[0] ?? (output.trim().split('\n').at(-1) || 'no output');
}

/** The peer, built now if this version of its sources was never built here. */
export async function buildSpringPeer(java: string, log: (line: string) => void): Promise<SpringPeerBuild> {
  const dir = join(defaultJarsCache(), 'spring-kafka-peer', sourcesHash());
  if (existsSync(join(dir, READY))) return { peer: { java, classpath: classpathOf(dir) } };

  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const goals = [
    '-B',
    '-q',
    '-ntp',
    `-Dpeer.build.directory=${join(partial, 'build')}`,
    `-DoutputDirectory=${join(partial, 'lib')}`,
    '-DincludeScope=runtime',
    'package',
    'dependency:copy-dependencies',
  ];
  const started = Date.now();
  log(
    `  Spring Kafka peer: building ${relative(process.cwd(), PEER_PROJECT) || PEER_PROJECT} with Maven (offline first)...`,
  );
  let build = await maven(['-o', ...goals], log, 'offline Maven build');
  if (build.exitCode === 127) {
    return { notRun: `Maven (mvn) could not be started: ${firstError(build.output)}` };
  }
  if (build.exitCode !== 0) {
    log(
      `  Spring Kafka peer: offline build failed (${firstError(build.output).slice(0, 160)}); building online, fetching from Maven Central (first time: about a minute)...`,
    );
    rmSync(partial, { recursive: true, force: true });
    build = await maven(goals, log, 'Maven build (online)');
  }
  if (build.exitCode !== 0) {
    rmSync(partial, { recursive: true, force: true });
    return { notRun: `the Maven build of bench/spring-kafka-peer failed: ${firstError(build.output)}` };
  }
  writeFileSync(join(partial, READY), `${new Date().toISOString()}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  log(`  Spring Kafka peer: built in ${((Date.now() - started) / 1000).toFixed(1)} s into ${dir}`);
  return { peer: { java, classpath: classpathOf(dir) } };
}
