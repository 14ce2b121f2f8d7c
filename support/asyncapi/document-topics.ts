/**
 * What the AsyncAPI document says about each Kafka topic and its events, in the topic catalog's
 * terms, so a spec can compare the two field by field.
 */
import type { AsyncAPIDocumentInterface, ChannelInterface, MessageInterface } from '@asyncapi/parser';
import type { CatalogTopic } from '../topics/topic-catalog.js';

/** A channel's Kafka binding as the catalog would write it: configs as Kafka's name=value strings. */
export interface DocumentTopic {
  channelId: string;
  address: string | undefined;
  /** The binding's topic, or the channel's address when the binding does not name one. */
  name: string | undefined;
  partitions: unknown;
  replicationFactor: unknown;
  configs: Record<string, string>;
  messages: DocumentMessage[];
}

export interface DocumentMessage {
  id: string;
  schemaFormat: string | undefined;
  /** The $id of the payload's JSON Schema, after the parser inlined its $ref. */
  payloadSchemaId: unknown;
  examplePayloads: unknown[];
}

interface KafkaChannelBinding {
  topic?: string;
  partitions?: unknown;
  replicas?: unknown;
  topicConfiguration?: Record<string, unknown>;
}

/**
 * The binding types configs (retention.ms an integer, cleanup.policy an array); Kafka and the
 * catalog write every config as text, a list comma-separated.
 */
function asKafkaConfigValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(asKafkaConfigValue).join(',');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function documentMessage(message: MessageInterface): DocumentMessage {
  const payload = message.json<{ payload?: { schema?: { $id?: unknown }; $id?: unknown } }>().payload;
  return {
    id: message.id(),
    schemaFormat: message.schemaFormat(),
    payloadSchemaId: payload?.schema?.$id ?? payload?.$id,
    examplePayloads: message
      .examples()
      .all()
      .map((example) => example.payload()),
  };
}

function documentTopic(channel: ChannelInterface): DocumentTopic {
  const binding = channel.bindings().get('kafka')?.value<KafkaChannelBinding>() ?? {};
  const address = channel.address() ?? undefined;
  return {
    channelId: channel.id(),
    address,
    name: binding.topic ?? address,
    partitions: binding.partitions,
    replicationFactor: binding.replicas,
    configs: Object.fromEntries(
      Object.entries(binding.topicConfiguration ?? {}).map(([name, value]) => [name, asKafkaConfigValue(value)]),
    ),
    messages: channel.messages().all().map(documentMessage),
  };
}

export function documentTopics(document: AsyncAPIDocumentInterface): DocumentTopic[] {
  return document.channels().all().map(documentTopic);
}

/** Each way the document's topic differs from the catalog's, as a sentence; none when they agree. */
export function differencesFromCatalog(topic: DocumentTopic, catalog: CatalogTopic): string[] {
  const differences: string[] = [];
  const shown = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
  const differ = (what: string, documentValue: unknown, catalogValue: unknown) => {
    if (documentValue !== catalogValue) {
      differences.push(`${what}: the document says ${shown(documentValue)}, the catalog ${shown(catalogValue)}`);
    }
  };
  differ('channel address', topic.address, catalog.name);
  differ('binding topic', topic.name, catalog.name);
  differ('partitions', topic.partitions, catalog.partitions);
  differ('replicas', topic.replicationFactor, catalog.replicationFactor);
  const names = new Set([...Object.keys(topic.configs), ...Object.keys(catalog.configs)]);
  for (const name of [...names].sort())
    differ(`topicConfiguration ${name}`, topic.configs[name], catalog.configs[name]);
  return differences;
}
