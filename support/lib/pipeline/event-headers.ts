/**
 * The headers every event record carries. The value is a whole CloudEvent (structured content mode),
 * so content-type is the CloudEvents JSON format, as the CloudEvents Kafka binding asks; event-type
 * repeats the event's type so that tools can route or filter without parsing the value.
 */
import type { IHeaders } from 'kafkajs';
import type { EventType } from '../events/index.js';

export const CLOUDEVENTS_JSON = 'application/cloudevents+json; charset=UTF-8';

export interface EventHeaders {
  readonly 'content-type': string;
  readonly 'event-type': EventType;
  readonly [name: string]: string;
}

export function eventHeaders(type: EventType): EventHeaders {
  return { 'content-type': CLOUDEVENTS_JSON, 'event-type': type };
}

/** Received headers as text, the way they were sent: kafkajs hands a consumer Buffers. */
export function headersAsText(headers: IHeaders): Record<string, string | string[]> {
  const text = (value: Buffer | string) => (typeof value === 'string' ? value : value.toString('utf8'));
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.map(text) : text(value);
  }
  return result;
}
