import { BrokerSetupError } from './broker-setup-error.js';

/**
 * The Kafka versions this suite is proven against, and the Confluent Platform image that ships
 * each one (Confluent Platform 8.x.y ships Apache Kafka 4.x.y; 7.9.y ships 3.9.y). The default is
 * the newest version proven on every runtime, the container runtime's cp-kafka image included.
 */
export const DEFAULT_KAFKA_VERSION = '4.3.1';

export const PROVEN_KAFKA_VERSIONS = {
  // No cp-kafka is pinned: Confluent Platform 8.4.0, which would ship 4.4.0, could not be confirmed
  // as published (November 2026). Its jvm runtime and the locally built image run it.
  '4.4.0': { confluentPlatform: undefined },
  '4.3.1': { confluentPlatform: '8.3.1' },
  '3.9.2': { confluentPlatform: '7.9.2' },
} as const satisfies Record<string, { confluentPlatform: string | undefined }>;

export type ProvenKafkaVersion = keyof typeof PROVEN_KAFKA_VERSIONS;

export function isProvenKafkaVersion(version: string): version is ProvenKafkaVersion {
  return Object.hasOwn(PROVEN_KAFKA_VERSIONS, version);
}

export function kafkaMajor(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '', 10);
}

/** The image users get by default on machines with Docker: Confluent's, matching the jvm version. */
export function confluentImageFor(version: string): string {
  const confluentPlatform = isProvenKafkaVersion(version)
    ? PROVEN_KAFKA_VERSIONS[version].confluentPlatform
    : undefined;
  if (confluentPlatform === undefined) {
    const pinned = Object.entries(PROVEN_KAFKA_VERSIONS)
      .filter(([, v]) => v.confluentPlatform !== undefined)
      .map(([k]) => k);
    // A setting the user can change: one line, no stack trace (the global setup prints it as such).
    throw new BrokerSetupError(
      `No Confluent Platform image is pinned for Kafka ${version}. ` +
        `Set KAFKA_CONTAINER_IMAGE (KAFKA_CONTAINER_IMAGE=local builds one from the jars, see npm run kafka:image), ` +
        `use KAFKA_RUNTIME=jvm, or use one of: ${pinned.join(', ')}.`,
    );
  }
  return `confluentinc/cp-kafka:${confluentPlatform}`;
}
