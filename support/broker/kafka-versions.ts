/**
 * The Kafka versions this suite is proven against, and the Confluent Platform image that ships
 * each one (Confluent Platform 8.x.y ships Apache Kafka 4.x.y; 7.9.y ships 3.9.y).
 */
export const DEFAULT_KAFKA_VERSION = '4.3.1';

export const PROVEN_KAFKA_VERSIONS = {
  '4.3.1': { confluentPlatform: '8.3.1' },
  '3.9.2': { confluentPlatform: '7.9.2' },
} as const satisfies Record<string, { confluentPlatform: string }>;

export type ProvenKafkaVersion = keyof typeof PROVEN_KAFKA_VERSIONS;

export function isProvenKafkaVersion(version: string): version is ProvenKafkaVersion {
  return Object.hasOwn(PROVEN_KAFKA_VERSIONS, version);
}

export function kafkaMajor(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '', 10);
}

/** The image users get by default on machines with Docker: Confluent's, matching the jvm version. */
export function confluentImageFor(version: string): string {
  if (!isProvenKafkaVersion(version)) {
    throw new Error(
      `No Confluent Platform image is pinned for Kafka ${version}. ` +
        `Set KAFKA_CONTAINER_IMAGE, or use one of: ${Object.keys(PROVEN_KAFKA_VERSIONS).join(', ')}.`,
    );
  }
  return `confluentinc/cp-kafka:${PROVEN_KAFKA_VERSIONS[version].confluentPlatform}`;
}
