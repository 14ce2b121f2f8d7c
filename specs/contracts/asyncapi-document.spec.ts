import { basename } from 'node:path';
import { DiagnosticSeverity } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import {
  ASYNCAPI_FILE,
  differencesFromCatalog,
  type DocumentTopic,
  documentTopics,
  JSON_SCHEMA_2020_12_FORMAT,
  parseAsyncApiDocument,
  type ParsedAsyncApi,
} from '#support/asyncapi/index.js';
import {
  type EventType,
  eventTypes,
  formatValidationErrors,
  schemaIdByEventType,
  validateEvent,
} from '@kafka-event-spec/events';
import { examplePathByEventType } from '#support/examples/index.js';
import { type CatalogTopic, loadTopicCatalog } from '#support/topics/index.js';

// The AsyncAPI document describes the system in the ecosystem's own format; the topic catalog and
// the schemas own the facts. This spec is what keeps the three in agreement.
const PARSE_TIMEOUT_MS = 60_000;
/** Errors and warnings; the parser's infos and hints (e.g. "AsyncAPI 3.1.0 exists") are advice. */
const BLOCKING = new Set<number>([DiagnosticSeverity.Error, DiagnosticSeverity.Warning]);
const catalog = loadTopicCatalog();

/** The catalog's event column names an example file; that example's type is the topic's event type. */
function eventTypeOf(topic: CatalogTopic): EventType {
  const type = eventTypes.find((t) => basename(examplePathByEventType[t]) === `${topic.event}.json`);
  if (type === undefined) throw new Error(`no event type has examples/${topic.event}.json as its example`);
  return type;
}

describe('The AsyncAPI document (asyncapi/asyncapi.yaml) describes the topics of the catalog and the events of the schemas', () => {
  let parsed: ParsedAsyncApi;
  let topics: DocumentTopic[];

  it.beforeAll(async () => {
    parsed = await parseAsyncApiDocument();
    topics = parsed.document === undefined ? [] : documentTopics(parsed.document);
  }, PARSE_TIMEOUT_MS);

  const channelFor = (topic: CatalogTopic): DocumentTopic => {
    const channel = topics.find((t) => t.name === topic.name);
    if (channel === undefined) throw new Error(`${ASYNCAPI_FILE} has no channel whose Kafka topic is ${topic.name}`);
    return channel;
  };

  it('is a valid AsyncAPI 3.0 document: the AsyncAPI parser reports no error and no warning', () => {
    const problems = parsed.diagnostics
      .filter((d) => BLOCKING.has(d.severity))
      .map((d) => `${d.path.join('/')}: ${d.message}`);
    expect(problems, "asyncapi/asyncapi.yaml: the AsyncAPI parser's errors and warnings").toEqual([]);
    expect(parsed.document?.version(), 'asyncapi/asyncapi.yaml: AsyncAPI version').toBe('3.0.0');
  });

  it('needs no network: every $ref, in the document and in the schemas it includes, is a local file', () => {
    expect(parsed.networkReads, 'asyncapi/asyncapi.yaml: $refs that would need the network').toEqual([]);
  });

  it('has one channel per topic of the catalog, and no other', () => {
    expect(
      topics.map((t) => t.name).sort(),
      "asyncapi/asyncapi.yaml: the Kafka topics of its channels must be the catalog's",
    ).toEqual(catalog.map((t) => t.name).sort());
  });

  it.each(catalog.map((topic) => [topic.name, topic] as const))(
    "channel %s: its Kafka binding has the catalog's topic, partitions, replicas and configs (retention.ms, ...)",
    (_name, topic) => {
      expect(
        differencesFromCatalog(channelFor(topic), topic),
        `asyncapi/asyncapi.yaml: channel ${topic.name} differs from scripts/topic-catalog.txt`,
      ).toEqual([]);
    },
  );

  it.each(catalog.map((topic) => [topic.name, topic] as const))(
    "channel %s: its one message's payload is the JSON Schema (draft 2020-12) of the catalog's event for it",
    (_name, topic) => {
      const messages = channelFor(topic).messages;
      expect(
        messages.map((m) => m.id),
        `asyncapi/asyncapi.yaml: channel ${topic.name} must carry one message`,
      ).toHaveLength(1);
      const [message] = messages;
      expect(message?.schemaFormat, `asyncapi/asyncapi.yaml: schemaFormat of ${topic.name}'s message`).toBe(
        JSON_SCHEMA_2020_12_FORMAT,
      );
      expect(
        message?.payloadSchemaId,
        `asyncapi/asyncapi.yaml: the payload schema of ${topic.name}'s message must be the ${topic.event} event's`,
      ).toBe(schemaIdByEventType[eventTypeOf(topic)]);
    },
  );

  it.each(catalog.map((topic) => [topic.name, topic] as const))(
    'channel %s: the examples in its message are valid events of that schema',
    (_name, topic) => {
      const type = eventTypeOf(topic);
      const examples = channelFor(topic).messages.flatMap((m) => m.examplePayloads);
      expect(examples.length, `asyncapi/asyncapi.yaml: examples in ${topic.name}'s message`).toBeGreaterThanOrEqual(1);
      for (const example of examples) {
        const result = validateEvent(type, example);
        expect(
          result.ok ? [] : formatValidationErrors(result.errors),
          `asyncapi/asyncapi.yaml: an example of ${topic.name}'s message must be a valid ${type}`,
        ).toEqual([]);
      }
    },
  );

  it('would notice a retention that differs from the catalog (say 10800000 ms, 3 hours, where 3 days was meant)', () => {
    const [first] = catalog;
    if (first === undefined) throw new Error('the topic catalog is empty');
    const catalogRetention = first.configs['retention.ms'];
    const typo = catalogRetention === '10800000' ? '259200000' : '10800000';
    const drifted = { ...channelFor(first), configs: { ...channelFor(first).configs, 'retention.ms': typo } };
    expect(differencesFromCatalog(drifted, first)).toEqual([
      `topicConfiguration retention.ms: the document says "${typo}", the catalog ${JSON.stringify(catalogRetention)}`,
    ]);
  });
});
