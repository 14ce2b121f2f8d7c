/**
 * A record read back from an error topic, as the error event it must hold. When it holds none, the
 * error names the record and what is wrong in the formatted validation errors
 * (`/data/record/value: must have required property 'sha256'`), not ajv's raw JSON.
 */
import { errorEventType, formatValidationErrors, validateEvent, type ErrorEvent } from '@kafka-event-spec/events';

/** What of a record read back the check needs: where it is and its value. */
export interface ErrorTopicRecord {
  readonly partition: number;
  readonly offset: string;
  readonly value: Buffer | null;
}

/** The record's value as a valid error event; throws naming `topic/partition/offset` and each problem otherwise. */
export function errorEventOfRecord(topic: string, record: ErrorTopicRecord): ErrorEvent {
  const where = `${topic}/${record.partition}/${record.offset}`;
  const text = record.value?.toString('utf8') ?? 'null';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(
      `${where} should hold an error event (JSON); it holds ${record.value?.length ?? 0} bytes that are not JSON: ${JSON.stringify(text.slice(0, 120))}`,
    );
  }
  const validation = validateEvent(errorEventType, value);
  if (!validation.ok)
    throw new Error(`${where} is not a valid error event:\n${formatValidationErrors(validation.errors).join('\n')}`);
  return validation.event;
}
