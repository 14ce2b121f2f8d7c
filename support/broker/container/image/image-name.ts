import { satisfies } from 'compare-versions';
import { isProvenKafkaVersion, PROVEN_KAFKA_VERSIONS } from '../../kafka-versions.js';

/** Where locally built images live: a name no registry serves, so nothing ever tries to pull it. */
export const LOCAL_IMAGE_REPOSITORY = 'kafka-event-spec/kafka';

/** KAFKA_CONTAINER_IMAGE=local asks the container runtime for this project's locally built image. */
export const LOCAL_IMAGE_KEYWORD = 'local';

/** Image labels. Containers inherit them, so none of them is the label the suite sweeps by. */
export const IMAGE_LABELS = {
  kafkaVersion: 'kafka-event-spec.image.kafka-version',
  fingerprint: 'kafka-event-spec.image.fingerprint',
} as const;

/**
 * The Confluent Platform version whose cp-kafka ships this Apache Kafka version: the pinned one
 * for proven versions, else CP's numbering rule (CP 7.x.y ships Kafka 3.x.y, CP 8.x.y Kafka 4.x.y).
 */
export function confluentPlatformVersionFor(kafkaVersion: string): string {
  const pinned = isProvenKafkaVersion(kafkaVersion) ? PROVEN_KAFKA_VERSIONS[kafkaVersion].confluentPlatform : undefined;
  if (pinned !== undefined) return pinned;
  const [major, minor, patch] = kafkaVersion.split('.').map(Number);
  if (major === undefined || minor === undefined || patch === undefined || [major, minor, patch].some(Number.isNaN)) {
    throw new Error(`${kafkaVersion} is not a Kafka release number`);
  }
  return `${major + 4}.${minor}.${patch}`;
}

/**
 * The local image's tag, e.g. `8.3.1-apache-kafka-4.3.1-3f2a9c1d0b`. @testcontainers/kafka reads
 * the tag as a Confluent Platform version (compare-versions' `satisfies`): 8.x turns KRaft on by
 * itself and 7.4 or later leaves the KRaft storage format to the image's /etc/confluent/docker/ensure,
 * so the tag leads with the CP version that ships this Kafka, and the module then takes exactly the
 * path it takes for cp-kafka. The suffix (a semver pre-release, which `satisfies` accepts) names
 * the real Kafka version and the fingerprint of everything the image was built from.
 */
export function localImageTag(kafkaVersion: string, fingerprint: string): string {
  const tag = `${confluentPlatformVersionFor(kafkaVersion)}-apache-kafka-${kafkaVersion}-${fingerprint}`;
  if (!satisfies(tag, '>=7.4.0')) {
    throw new Error(
      `Kafka ${kafkaVersion} is older than 3.4: the local image supports KRaft as cp-kafka 7.4+ runs it (Kafka 3.4 and later)`,
    );
  }
  return tag;
}

export function localImageName(kafkaVersion: string, fingerprint: string): string {
  return `${LOCAL_IMAGE_REPOSITORY}:${localImageTag(kafkaVersion, fingerprint)}`;
}
