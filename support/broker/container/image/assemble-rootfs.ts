import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { KafkaLibs } from '../../jvm/kafka-jars.js';
import { RECIPE_DIR, SHARED_LOG_CONFIG_FILES } from './image-fingerprint.js';
import { sharedLibraryDependencies, sharedObjectsUnder, type HostRuntime } from './host-runtime.js';
import { toolWrapper, type ResolvedKafkaTool } from './kafka-tools.js';

const run = promisify(execFile);

/** Where things are inside the image. */
export const IMAGE_PATHS = {
  javaHome: '/opt/java',
  kafkaLibs: '/opt/kafka/libs',
  kafkaConfig: '/etc/kafka',
  dataDir: '/var/lib/kafka/data',
  home: '/home/appuser',
} as const;

/** The image runs as cp-kafka's user, so files the broker writes belong to the same uid (1000). */
export const IMAGE_USER = 'appuser';

/** Parts of a JDK a broker never uses: left out of the image. */
const JAVA_HOME_SKIPPED = new Set(['jmods', 'include', 'man', 'docs', 'demo', 'src.zip']);

function inRoot(root: string, path: string): string {
  return join(root, path);
}

/** Copies a tree, following symlinks (Debian's JDK points into /etc and /usr/share) and skipping dangling ones. */
function copyDereferenced(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  cpSync(from, to, {
    recursive: true,
    dereference: true,
    filter: (source) => {
      if (source !== from && skip(basename(source))) return false;
      return !lstatSync(source).isSymbolicLink() || existsSync(source);
    },
  });
}

async function installBusybox(root: string, busybox: string): Promise<void> {
  cpSync(busybox, inRoot(root, '/bin/busybox'));
  const { stdout } = await run(busybox, ['--list-full'], { timeout: 10_000 });
  for (const applet of stdout.split('\n').filter((line) => line !== '')) {
    const link = inRoot(root, `/${applet}`);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync('/bin/busybox', link);
  }
  // Scripts say #!/bin/sh and testcontainers runs /bin/sh: busybox lists sh under /bin already,
  // but a build with --list-full paths elsewhere must still have it there.
  if (!existsSync(inRoot(root, '/bin/sh'))) symlinkSync('/bin/busybox', inRoot(root, '/bin/sh'));
}

async function installSharedLibraries(root: string, host: HostRuntime): Promise<string[]> {
  const elfFiles = [
    join(host.javaHome, 'bin', 'java'),
    ...sharedObjectsUnder(join(host.javaHome, 'lib')),
    host.bash,
    host.busybox,
  ];
  const libraries = await sharedLibraryDependencies(elfFiles, [host.javaHome]);
  for (const library of libraries) {
    const target = inRoot(root, library);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(library, target, { dereference: true });
  }
  return libraries;
}

function installToolWrappers(root: string, tools: readonly ResolvedKafkaTool[]): void {
  for (const tool of tools) {
    writeFileSync(inRoot(root, `/usr/bin/${tool.command}`), toolWrapper(tool), { mode: 0o755 });
  }
}

function makeDirectories(root: string): void {
  const modes: [string, number][] = [
    ['/tmp', 0o1777],
    // Written at run time by appuser; the tar gives every file to root, so these are open to all.
    [IMAGE_PATHS.dataDir, 0o777],
    [IMAGE_PATHS.kafkaConfig, 0o777],
    [IMAGE_PATHS.home, 0o777],
    ['/root', 0o700],
    ['/proc', 0o555],
    ['/sys', 0o555],
    ['/dev', 0o755],
  ];
  for (const [path, mode] of modes) {
    mkdirSync(inRoot(root, path), { recursive: true });
    chmodSync(inRoot(root, path), mode);
  }
}

function setLauncherModes(root: string): void {
  const docker = inRoot(root, '/etc/confluent/docker');
  for (const script of readdirSync(docker)) chmodSync(join(docker, script), 0o755);
  chmodSync(inRoot(root, '/usr/bin/kafka-run-class'), 0o755);
  // cp-kafka lets its user rewrite these; @testcontainers/kafka does so for ZooKeeper mode and
  // for tags before 7.4 (this image serves neither, but the contract stays whole).
  chmodSync(join(docker, 'ensure'), 0o777);
  chmodSync(join(docker, 'configure'), 0o777);
}

export interface RootfsContents {
  libs: KafkaLibs;
  host: HostRuntime;
  tools: readonly ResolvedKafkaTool[];
}

/**
 * Lays out the image's whole filesystem under root: the launcher scripts, the host's Java, bash
 * and busybox with the shared libraries they load, Kafka's jars, the log configs and one wrapper
 * per CLI tool. Returns the shared libraries copied, for the build's report.
 */
export async function assembleRootfs(root: string, contents: RootfsContents): Promise<{ libraries: string[] }> {
  const { libs, host, tools } = contents;
  cpSync(join(RECIPE_DIR, 'rootfs'), root, { recursive: true });
  makeDirectories(root);
  copyDereferenced(host.javaHome, inRoot(root, IMAGE_PATHS.javaHome), (name) => JAVA_HOME_SKIPPED.has(name));
  copyDereferenced(libs.libsDir, inRoot(root, IMAGE_PATHS.kafkaLibs), (name) => !name.endsWith('.jar'));
  for (const file of SHARED_LOG_CONFIG_FILES) cpSync(file, inRoot(root, join(IMAGE_PATHS.kafkaConfig, basename(file))));
  cpSync(host.bash, inRoot(root, '/bin/bash'));
  await installBusybox(root, host.busybox);
  const libraries = await installSharedLibraries(root, host);
  installToolWrappers(root, tools);
  setLauncherModes(root);
  return { libraries };
}
