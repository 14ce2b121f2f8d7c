import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KafkaLibs } from '../../jvm/kafka-jars.js';
import { BROKER_LOG_CONFIG, TOOLS_LOG_CONFIG } from '../../jvm/log-config.js';
import { KAFKA_TOOL_CLASSES_FILE } from '../../../kafka-tools/kafka-tool-classes.js';
import type { HostRuntime } from './host-runtime.js';

/** This directory: the launcher files and the code that lays the image out. */
export const RECIPE_DIR = dirname(fileURLToPath(import.meta.url));

/** The log configurations the image shares with the jvm runtime, so both log alike. */
export const SHARED_LOG_CONFIG_FILES = [
  BROKER_LOG_CONFIG.log4j2,
  BROKER_LOG_CONFIG.log4j,
  TOOLS_LOG_CONFIG.log4j2,
  TOOLS_LOG_CONFIG.log4j,
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A short hash of everything the image is made of, so it is rebuilt exactly when one of them
 * changes: the recipe (launcher scripts, layout code, log configs, the table of tool classes; the build sets file modes itself),
 * the Kafka jars (names carry versions; sizes catch a re-fetch that differs), and the host's Java,
 * bash and busybox. Hashing names and sizes instead of 55 MB of jars keeps a cache hit at a few ms.
 */
export function imageFingerprint(libs: KafkaLibs, host: HostRuntime): string {
  const recipe = [...filesUnder(RECIPE_DIR), ...SHARED_LOG_CONFIG_FILES, KAFKA_TOOL_CLASSES_FILE].map(
    (file) => `${relative(RECIPE_DIR, file)} ${sha256(readFileSync(file))}`,
  );
  const jars = readdirSync(libs.libsDir)
    .filter((name) => name.endsWith('.jar'))
    .sort()
    .map((name) => `${name} ${statSync(join(libs.libsDir, name)).size}`);
  const inputs = {
    kafkaVersion: libs.kafkaVersion,
    recipe,
    jars,
    java: { home: host.javaHome, release: host.javaRelease },
    bash: `${host.bash} ${statSync(host.bash).size}`,
    busybox: `${host.busybox} ${statSync(host.busybox).size}`,
  };
  return sha256(JSON.stringify(inputs)).slice(0, 12);
}
