/**
 * What the contracts specs import from support/ (and vitest, kafkajs' types), in one place, so that a
 * spec reads like its step with one import. Maintained by hand; a name appears once.
 */
export { beforeAll, describe, expect, it } from 'vitest';
export { differencesFromCatalog, type DocumentTopic, documentTopics } from '../asyncapi/document-topics.js';
export {
  ASYNCAPI_FILE,
  JSON_SCHEMA_2020_12_FORMAT,
  parseAsyncApiDocument,
  type ParsedAsyncApi,
} from '../asyncapi/parse-asyncapi-document.js';
export { classEntryName, libsEntryNames } from '../broker/container/image/jar-entries.js';
export { defaultJarsCache, kafkaVersionInLibs } from '../broker/jvm/kafka-jars.js';
export { confluentImageFor, DEFAULT_KAFKA_VERSION, PROVEN_KAFKA_VERSIONS } from '../broker/kafka-versions.js';
export { DOCS_KAFKA_VERSION, LEARN_KAFKA_DOC, stepsFor } from '../docs/by-hand-commands.js';
export { linkProblems, readStepTable, tableLabel } from '../docs/step-tables.js';
export { kafkaCliDialect } from '../kafka-tools/kafka-cli-commands.js';
export { kafkaToolClassRow, kafkaToolClassRows, kafkaToolNames } from '../kafka-tools/kafka-tool-classes.js';
export {
  regenerateCommand,
  renderSchemaLiterals,
  schemaLiteralsFile,
} from '../lib/events/codegen/render-schema-literals.js';
export {
  type EventType,
  eventTypes,
  examplePathByEventType,
  formatValidationErrors,
  schemaIdByEventType,
  validateEvent,
} from '../lib/events/index.js';
export { valueAt } from '../lib/events/json-pointer.js';
export { createStrictAjv, readSchemaFiles } from '../lib/events/schema-registry.js';
export { milestoneSteps } from '../reporting/milestone-steps.js';
export { acceptedGaps, type Verdict, verdictOn } from '../reporting/milestone-verdict.js';
export { renderChecklist } from '../reporting/render-checklist.js';
export type { RunScope } from '../reporting/run-scope.js';
export { type SpecFileResult, specFilesOnDisk } from '../reporting/spec-file-results.js';
export { type StepOutcome, stepOutcomes } from '../reporting/step-outcomes.js';
export { undescribedProperties } from '../schema-checks/schema-lint.js';
export { scriptPath, SHELL_SCRIPTS } from '../scripts/shell-scripts.js';
export { SLOW_SPEC_FILES } from '../slow-files-first.js';
export {
  ERROR_TOPIC,
  FIRST_TOPIC,
  MILESTONE_TOPICS,
  stepCreating,
  stepSettingRetention,
  THREE_DAYS_MS,
} from '../topics/milestone-pins.js';
export { type CatalogTopic, loadTopicCatalog, TOPIC_CATALOG_FILE } from '../topics/topic-catalog.js';
export { expectRetention, expectSameSettings } from '../topics/topic-expectations.js';
export type { TopicSettings } from '../topics/topic-settings.js';
export { REPO_ROOT } from '../lib/repo-root.js';
