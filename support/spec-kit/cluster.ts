/**
 * What the cluster specs import from support/ (and vitest, kafkajs' types), in one place, so that a
 * spec reads like its step with one import. Maintained by hand; a name appears once.
 */
export type { Admin, Kafka } from 'kafkajs';
export { afterAll, beforeAll, describe, expect, it } from 'vitest';
export { BrokerSetupError } from '../broker/broker-setup-error.js';
export { useExternalBroker } from '../broker/external/external-runtime.js';
export { requireJava } from '../broker/jvm/jvm-runtime.js';
export { resolveKafkaLibs } from '../broker/jvm/kafka-jars.js';
export type { StartedKafkaJvmCluster } from '../broker/jvm/kafka-jvm-cluster.js';
export { type SecuredBroker, startSecuredBroker } from '../broker/jvm/secured-broker.js';
export { RUN_NAMESPACE_PREFIX } from '../broker/running-broker.js';
export { readBrokerSettings } from '../broker/settings.js';
export {
  clusterClient,
  ConsumerLedger,
  countOutcomes,
  createFaultTopics,
  faultConsumer,
  type FaultTopics,
  inSyncReplicas,
  kafkaErrorTypes,
  leaderOf,
  orderStream,
  say,
  seconds,
  startSpecCluster,
  waitForCatchUp,
  writeStream,
} from '../cluster/fault-bench.js';
export { ACKS_ALL, idempotentProducerConfig } from '../lib/pipeline/producer-settings.js';
export { pollUntil } from '../lib/wait.js';
export { clusterForDescribe } from '../cluster/cluster-for-describe.js';
