import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerSetupError } from '../../broker-setup-error.js';
import { resolveKafkaLibs, type KafkaLibs } from '../../jvm/kafka-jars.js';
import type { BrokerSettings } from '../../settings.js';
import { assembleRootfs, IMAGE_PATHS, IMAGE_USER } from './assemble-rootfs.js';
import {
  imageExists,
  imagesWithLabel,
  importDirectoryAsImage,
  removeImageIfUnused,
  requireDockerEngine,
} from './docker-cli.js';
import { imageFingerprint } from './image-fingerprint.js';
import { IMAGE_LABELS, LOCAL_IMAGE_REPOSITORY, localImageName } from './image-name.js';
import { findHostRuntime, type HostRuntime } from './host-runtime.js';
import { classEntryName } from './jar-entries.js';
import { kafkaJarEntries, kafkaServerClass, resolveKafkaTools } from './kafka-tools.js';

export type ImageSettings = Pick<BrokerSettings, 'kafkaHome' | 'kafkaVersion' | 'kafkaVersionExplicit' | 'jarsCache'>;

export interface KafkaImage {
  name: string;
  kafkaVersion: string;
  /** False when an image with the same fingerprint was already there. */
  built: boolean;
  seconds: number;
}

/** The image's configuration: what cp-kafka's Dockerfile would say, minus anything that names Kafka settings. */
function imageChanges(libs: KafkaLibs, fingerprint: string): string[] {
  return [
    `ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${IMAGE_PATHS.javaHome}/bin`,
    `ENV JAVA_HOME=${IMAGE_PATHS.javaHome}`,
    // Not KAFKA_*: /etc/confluent/docker/configure would turn those into broker properties.
    `ENV APACHE_KAFKA_LIBS=${IMAGE_PATHS.kafkaLibs}`,
    `ENV APACHE_KAFKA_VERSION=${libs.kafkaVersion}`,
    // The broker's main class for this version, from the one table of tool classes; launch runs it.
    `ENV APACHE_KAFKA_SERVER_CLASS=${kafkaServerClass(libs.kafkaVersion)}`,
    `USER ${IMAGE_USER}`,
    `WORKDIR ${IMAGE_PATHS.home}`,
    'EXPOSE 9092',
    'CMD ["/etc/confluent/docker/run"]',
    `LABEL org.opencontainers.image.title="Apache Kafka ${libs.kafkaVersion}, cp-kafka compatible, built locally by kafka-event-spec"`,
    `LABEL ${IMAGE_LABELS.kafkaVersion}=${libs.kafkaVersion}`,
    `LABEL ${IMAGE_LABELS.fingerprint}=${fingerprint}`,
  ];
}

/** Earlier builds for the same Kafka version: superseded, so removed unless a container uses them. */
async function removeSupersededBuilds(
  kafkaVersion: string,
  current: string,
  log: (line: string) => void,
): Promise<void> {
  const builds = await imagesWithLabel(LOCAL_IMAGE_REPOSITORY, `${IMAGE_LABELS.kafkaVersion}=${kafkaVersion}`);
  for (const name of builds.filter((b) => b !== current)) {
    if (await removeImageIfUnused(name)) log(`kafka: removed the superseded image ${name}`);
  }
}

/** The image to build: its name, the jars and host Java it is made of, and their fingerprint. */
interface ImageToBuild {
  readonly name: string;
  readonly libs: KafkaLibs;
  readonly host: HostRuntime;
  readonly fingerprint: string;
}

async function buildImage({ name, libs, host, fingerprint }: ImageToBuild, log: (line: string) => void): Promise<void> {
  const entries = kafkaJarEntries(libs.libsDir);
  const serverClass = kafkaServerClass(libs.kafkaVersion);
  if (!entries.has(classEntryName(serverClass))) {
    throw new BrokerSetupError(
      `${libs.libsDir} holds no ${serverClass} class: it is not a Kafka broker's libs/ directory.`,
    );
  }
  const tools = resolveKafkaTools(entries, libs.libsDir, libs.kafkaVersion);
  const root = mkdtempSync(join(tmpdir(), 'kafka-event-spec-image-'));
  const since = (start: number) => ((Date.now() - start) / 1000).toFixed(1);
  try {
    const layoutStart = Date.now();
    const { libraries } = await assembleRootfs(root, { libs, host, tools });
    log(
      `kafka: image filesystem laid out in ${since(layoutStart)} s (Java from ${host.javaHome}, ${libraries.length} shared libraries, ${tools.length} CLI tools); importing...`,
    );
    const importStart = Date.now();
    await importDirectoryAsImage(root, name, imageChanges(libs, fingerprint));
    log(`kafka: docker import took ${since(importStart)} s`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The locally built image of Apache Kafka for these settings' version, built from the jars the
 * jvm runtime uses when no image with the same fingerprint exists yet (or when forced).
 */
export async function ensureKafkaImage(
  settings: ImageSettings,
  log: (line: string) => void,
  options: { force?: boolean } = {},
): Promise<KafkaImage> {
  const started = Date.now();
  await requireDockerEngine();
  const libs = await resolveKafkaLibs(settings, log);
  const host = await findHostRuntime();
  const fingerprint = imageFingerprint(libs, host);
  const name = localImageName(libs.kafkaVersion, fingerprint);
  const seconds = () => (Date.now() - started) / 1000;
  if (options.force !== true && (await imageExists(name))) {
    return { name, kafkaVersion: libs.kafkaVersion, built: false, seconds: seconds() };
  }
  log(`kafka: building ${name} from ${libs.libsDir} (no registry needed)...`);
  await buildImage({ name, libs, host, fingerprint }, log);
  await removeSupersededBuilds(libs.kafkaVersion, name, log);
  return { name, kafkaVersion: libs.kafkaVersion, built: true, seconds: seconds() };
}
