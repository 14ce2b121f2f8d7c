/**
 * Each catalog topic with the event it carries: the catalog's `event` column names the example
 * file examples/<event>.json, and that example's CloudEvents type is the topic's event type.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorEventType, isEventType, rebuildFailedRecord, validateEvent, type EventType, type ShopEvent } from '../events/index.js';
import { loadTopicCatalog, type CatalogTopic } from '../topics/topic-catalog.js';

export interface TopicExample {
  /** The catalog entry, e.g. OrderReceived / order_received. */
  readonly catalog: CatalogTopic;
  readonly eventType: EventType;
  readonly file: string;
  /** The example as a record value: the event as compact JSON, UTF-8 (schemas/README.md). */
  readonly value: Buffer;
  readonly event: ShopEvent;
  /** The record key: the order id, so that one order's events stay in one partition, in order. */
  readonly key: Buffer | null;
}

function exampleFile(event: string): string {
  return fileURLToPath(new URL(`../../examples/${event}.json`, import.meta.url));
}

/**
 * The order id an event is about, as a record key. An error event keeps the key of the record it
 * holds (the failed order's id, or none when that record had none).
 */
export function recordKeyOf(event: ShopEvent): Buffer | null {
  if (event.type === errorEventType) return rebuildFailedRecord(event).key;
  return Buffer.from(event.data.orderId, 'utf8');
}

export function topicExample(catalog: CatalogTopic): TopicExample {
  const file = exampleFile(catalog.event);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown };
  if (!isEventType(parsed.type)) throw new Error(`${file}: type ${JSON.stringify(parsed.type)} is not one of the shop's event types`);
  const validation = validateEvent(parsed.type, parsed);
  if (!validation.ok) throw new Error(`${file} is not a valid ${parsed.type} event`);
  const value = Buffer.from(JSON.stringify(validation.event), 'utf8');
  return { catalog, eventType: parsed.type, file, value, event: validation.event, key: recordKeyOf(validation.event) };
}

/** Every catalog topic's example, in the catalog's order. */
export function topicExamples(catalog: CatalogTopic[] = loadTopicCatalog()): TopicExample[] {
  return catalog.map(topicExample);
}
