/**
 * What the kafka specs import from support/ (and vitest, kafkajs' types), in one place, so that a
 * spec reads like its step with one import. Maintained by hand; a name appears once.
 */
export type { Admin } from 'kafkajs';
export { afterAll, beforeAll } from 'vitest';
export { findJava } from '../broker/jvm/find-java.js';
export { freePort } from '../broker/jvm/free-port.js';
export type { StartedKafkaJvmBroker } from '../broker/jvm/kafka-jvm-broker.js';
export { kafkajsConfig } from '../broker/kafkajs-config.js';
export {
  type BenchRun,
  DeadLetterBench,
  type OutgoingRecord,
  type WrittenRecord,
} from '../consumer-harness/dead-letter-bench.js';
export { benchForDescribe } from '../consumer-harness/bench-for-describe.js';
export { deferred } from '../consumer-harness/deferred.js';
export { topicExample } from '../consumer-harness/topic-examples.js';
export { atBootstrap, isNote, stepsFor } from '../docs/by-hand-commands.js';
export { BackgroundHand, handEnv, type HandEnv, type HandRun, runHand, shownCommand } from '../docs/hand-shell.js';
export { describe, expect, it } from '../fixtures/kafka-test.js';
export { brokerOfThisRun } from '../kafka-client.js';
export { runToolFromJars } from '../kafka-tools/jvm-kafka-tools.js';
export { MILESTONE_TOOLS } from '../kafka-tools/kafka-bin.js';
export { kafkaCliDialect } from '../kafka-tools/kafka-cli-commands.js';
export { kafkaConfigsAlterTopic } from '../kafka-tools/kafka-configs.js';
export { KafkaTools } from '../kafka-tools/kafka-tools.js';
export { kafkaTopicsCreate } from '../kafka-tools/kafka-topics.js';
export {
  layOutLearnerKafkaHome,
  type LearnerKafkaHome,
  learnerServerProperties,
} from '../kafka-tools/learner-kafka-home.js';
export {
  decodeBytes,
  type ErrorEvent,
  orderConfirmedType,
  orderReceivedType,
  type ReasonCode,
  rebuildFailedRecord,
  type ReceivedRecord,
} from '../lib/events/index.js';
export {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ConfigResourceTypes,
  Kafka,
  ResourcePatternTypes,
} from '../lib/kafkajs.js';
export { errorTopicLimit } from '../lib/pipeline/error-topic-limit.js';
export {
  EventConsumer,
  type EventHandler,
  type HandlerContext,
  SEND_IN_BACKGROUND_AT,
} from '../lib/pipeline/event-consumer.js';
export { eventHeaders } from '../lib/pipeline/event-headers.js';
export { ACKS_ALL } from '../lib/pipeline/producer-settings.js';
export { nextOffset } from '../lib/pipeline/received-record.js';
export {
  headersSize,
  RECORD_BATCH_OVERHEAD,
  singleRecordBatchSize,
  valueLengthForBatchSize,
} from '../lib/pipeline/record-size.js';
export { retryPolicy } from '../lib/pipeline/retry-policy.js';
export { setTopicConfigs } from '../lib/topics/topic-configs.js';
export { waitForLeaders } from '../lib/topics/wait-for-leaders.js';
export { pollUntil, withDeadline } from '../lib/wait.js';
export { notRunHere } from '../not-run-here.js';
export { topicRoles } from '../reporting/milestone-steps.js';
export { ForegroundScript } from '../scripts/foreground-script.js';
export { processesMentioning } from '../scripts/processes.js';
export {
  SCRIPT_SERVER_BOOT_MS,
  SCRIPT_ZOOKEEPER_HEAP,
  scriptBrokerClient,
  scriptBrokerSetup,
  type ScriptBrokerSetup,
  untilBrokerAnswers,
} from '../scripts/script-broker.js';
export {
  describePlan,
  planKafkaWithoutZooKeeper,
  planKafkaWithZooKeeper,
  planVersion,
  resolveScriptKafka,
  type ScriptKafka,
  scriptKafkaOfRun,
} from '../scripts/script-kafka.js';
export { sendAndReadBack } from '../scripts/send-and-read-back.js';
export { errorLines, runShellScript, SHELL_SCRIPTS, type ShellScript } from '../scripts/shell-scripts.js';
export { askZooKeeper, untilZooKeeperAnswers } from '../scripts/zookeeper.js';
export { prefixed, type PrefixedTopic, withoutConfig } from '../topics/catalog-topics.js';
export { THREE_DAYS_MS } from '../topics/milestone-pins.js';
export { asCreatedInStep3, RETENTION_MS } from '../topics/steps-3-and-4.js';
export { catalogTopic, loadTopicCatalog } from '../topics/topic-catalog.js';
export { uniqueName } from '../unique-name.js';
export { type ClusterSnapshot, snapshotCluster } from '../verify/cluster-snapshot.js';
export { learnerClient, plantTopics, startLearnerBroker } from '../verify/learner-broker.js';
export {
  runVerifyCommand,
  shownRun,
  type VerifyEnv,
  verifyErrorLines,
  type VerifyRunResult,
  expectClusterMatches,
} from '../verify/run-verify.js';
export { scratchDir, writeCatalog } from '../scripts/scratch-files.js';
export { REPO_ROOT } from '../lib/repo-root.js';
