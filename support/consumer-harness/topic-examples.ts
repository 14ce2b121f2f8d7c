/**
 * Each catalog topic with the event it carries: the catalog's `event` column names the example
 * file examples/<event>.json, and that example's CloudEvents type is the topic's event type.
 */
import { readFileSync } from 'node:fs';
import { describeInvalidExample, projectPath } from '../examples/index.js';
import {
  errorEventType,
  eventTypes,
  isEventType,
  rebuildFailedRecord,
  validateEvent,
  type EventType,
  type ShopEvent,
} from '@kafka-event-spec/events';
import type { CatalogTopic } from '../topics/topic-catalog.js';
import { repoPath } from '../repository/repo-root.js';

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
  return repoPath('examples', `${event}.json`);
}

/**
 * The order id an event is about, as a record key. An error event keeps the key of the record it
 * holds (the failed order's id, or none when that record had none).
 */
export function recordKeyOf(event: ShopEvent): Buffer | null {
  if (event.type === errorEventType) return rebuildFailedRecord(event).key;
  return Buffer.from(event.data.orderId, 'utf8');
}

/**
 * A catalog topic's example, read and validated. Call it inside a test: a missing or invalid example
 * throws with the file, each field, rule and bad value, failing that test and no other.
 */
export function topicExample(catalog: CatalogTopic): TopicExample {
  const file = exampleFile(catalog.event);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown };
  if (!isEventType(parsed.type)) {
    throw new Error(
      `${projectPath(file)}: type ${JSON.stringify(parsed.type)} is not one of the shop's event types (${eventTypes.join(', ')})`,
    );
  }
  const validation = validateEvent(parsed.type, parsed);
  if (!validation.ok) {
    throw new Error(
      `${catalog.name}'s example is not a valid ${parsed.type}:\n${describeInvalidExample(file, parsed, validation.errors).join('\n')}`,
    );
  }
  const value = Buffer.from(JSON.stringify(validation.event), 'utf8');
  return { catalog, eventType: parsed.type, file, value, event: validation.event, key: recordKeyOf(validation.event) };
}
