/**
 * Reading the files in examples/: the seed examples by event type, and the invalid twins with the
 * failure each one is expected to produce (examples/invalid/manifest.json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { examplePathByEventType, isEventType } from './event-catalog.js';
import type { EventOfType, EventType } from './types.js';
import { formatValidationErrors, validateEvent } from './validate-event.js';

export const invalidExamplesDirectory = fileURLToPath(new URL('../../examples/invalid/', import.meta.url));
const manifestFileName = 'manifest.json';

export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The seed example of an event type, parsed (deliberately untyped: it is what validation is for). */
export function readExample(type: EventType): unknown {
  return readJsonFile(examplePathByEventType[type]);
}

/** The seed example of an event type, validated and typed; throws with readable errors when it is invalid. */
export function readValidExample<TYPE extends EventType>(type: TYPE): EventOfType<TYPE> {
  const result = validateEvent(type, readExample(type));
  if (!result.ok) {
    throw new Error(`${examplePathByEventType[type]} is not a valid ${type}:\n${formatValidationErrors(result.errors).join('\n')}`);
  }
  return result.event;
}

export interface InvalidTwin {
  /** File name in examples/invalid/. */
  readonly file: string;
  /** The schema to validate it against. */
  readonly eventType: EventType;
  /** Where the expected error is, as a JSON Pointer ("" is the event itself). */
  readonly instancePath: string;
  /** The JSON Schema keyword expected to fail there. */
  readonly keyword: string;
  /** What is wrong, in words. */
  readonly reason: string;
  /** The parsed file. */
  readonly value: unknown;
}

/** Every twin listed in the manifest, with its file parsed. Throws on a malformed manifest entry. */
export function readInvalidTwins(): InvalidTwin[] {
  const manifest = readJsonFile(`${invalidExamplesDirectory}${manifestFileName}`);
  if (!isRecord(manifest) || !Array.isArray(manifest.twins)) throw new Error('manifest.json needs a "twins" array');
  return manifest.twins.map((entry: unknown, index) => {
    if (
      !isRecord(entry) ||
      typeof entry.file !== 'string' ||
      !isEventType(entry.eventType) ||
      typeof entry.instancePath !== 'string' ||
      typeof entry.keyword !== 'string' ||
      typeof entry.reason !== 'string'
    ) {
      throw new Error(`manifest.json twins[${index}] needs file, eventType (a known type), instancePath, keyword and reason`);
    }
    return {
      file: entry.file,
      eventType: entry.eventType,
      instancePath: entry.instancePath,
      keyword: entry.keyword,
      reason: entry.reason,
      value: readJsonFile(`${invalidExamplesDirectory}${entry.file}`),
    };
  });
}

/** The JSON files in examples/invalid/ other than the manifest. */
export function invalidTwinFileNames(): string[] {
  return readdirSync(invalidExamplesDirectory)
    .filter((name) => name.endsWith('.json') && name !== manifestFileName)
    .sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
