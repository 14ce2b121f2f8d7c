/**
 * Reading the files in examples/: the seed examples by event type, and the invalid twins, each one
 * a seed with one change and the failure it is expected to produce (examples/invalid/manifest.json).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  errorEventType,
  eventTypes,
  validateEvent,
  valueAt,
  withChange,
  type EventOfType,
  type EventType,
  type JsonChange,
  type ValidationError,
} from '@kafka-event-spec/events';
import { examplePathByEventType, notJsonErrorExamplePath } from './example-paths.js';
import { REPO_ROOT, repoPath } from '../repository/repo-root.js';

const projectDirectory = REPO_ROOT;
export const invalidTwinsManifestFile = repoPath('examples', 'invalid', 'manifest.json');

export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A path as the reader knows it: relative to the project, e.g. examples/order_received.json. */
export function projectPath(path: string): string {
  return relative(projectDirectory, path);
}

/** The seed example of an event type, parsed (deliberately untyped: it is what validation is for). */
export function readExample(type: EventType): unknown {
  return readJsonFile(examplePathByEventType[type]);
}

/**
 * One line per error, with everything needed to fix it: the file, the field, the rule and the bad value.
 * e.g. `examples/order_received.json /data/customer/email: must match format "email" (format), got "mira.example.com"`
 */
export function describeInvalidExample(file: string, value: unknown, errors: readonly ValidationError[]): string[] {
  return errors.map(({ instancePath, keyword, message }) => {
    const field = instancePath === '' ? '(event)' : instancePath;
    const got = valueAt(value, instancePath);
    return `${projectPath(file)} ${field}: ${message} (${keyword}), got ${got === undefined ? 'nothing' : JSON.stringify(got)}`;
  });
}

/**
 * The seed example of an event type, validated and typed. Call it inside a test: an invalid example
 * throws with one line per problem (describeInvalidExample), failing that test and no other.
 */
export function readValidExample<TYPE extends EventType>(type: TYPE): EventOfType<TYPE> {
  const file = examplePathByEventType[type];
  const value = readJsonFile(file);
  const result = validateEvent(type, value);
  if (!result.ok)
    throw new Error(`not a valid ${type}:\n${describeInvalidExample(file, value, result.errors).join('\n')}`);
  return result.event;
}

/** The seed examples a twin can start from, by base name (examples/<name>.json) with their event type. */
const seedExamples = new Map<string, { file: string; eventType: EventType }>([
  ...eventTypes.map(
    (type) =>
      [baseName(examplePathByEventType[type]), { file: examplePathByEventType[type], eventType: type }] as const,
  ),
  [baseName(notJsonErrorExamplePath), { file: notJsonErrorExamplePath, eventType: errorEventType }],
]);

function baseName(file: string): string {
  return (file.split('/').at(-1) ?? file).replace(/\.json$/, '');
}

export interface InvalidTwin {
  /** "<seed>.<name>", e.g. order_received.missing_customer_email. */
  readonly name: string;
  /** The seed example it is a copy of. */
  readonly seedFile: string;
  /** The one thing broken, e.g. `remove /data/customer/email` or `set /data/total to "33.9"`. */
  readonly change: string;
  /** The schema to validate it against: the seed's. */
  readonly eventType: EventType;
  /** Where the expected error is, as a JSON Pointer ("" is the event itself). */
  readonly instancePath: string;
  /** The JSON Schema keyword expected to fail there. */
  readonly keyword: string;
  /** What is wrong, in words. */
  readonly reason: string;
  /** Builds the twin: the seed with its change applied. Throws naming the twin when the change does not apply. */
  readonly build: () => unknown;
}

/** Every twin listed in the manifest. Throws on a malformed manifest entry; the seeds are read only by build(). */
export function readInvalidTwins(): InvalidTwin[] {
  const manifest = readJsonFile(invalidTwinsManifestFile);
  if (!isRecord(manifest) || !Array.isArray(manifest.twins))
    throw new Error('examples/invalid/manifest.json needs a "twins" array');
  return manifest.twins.map((entry: unknown, index) => {
    const seed = isRecord(entry) && typeof entry.of === 'string' ? seedExamples.get(entry.of) : undefined;
    const change = isRecord(entry) ? jsonChangeOf(entry) : undefined;
    if (
      !isRecord(entry) ||
      seed === undefined ||
      change === undefined ||
      typeof entry.name !== 'string' ||
      typeof entry.instancePath !== 'string' ||
      typeof entry.keyword !== 'string' ||
      typeof entry.reason !== 'string'
    ) {
      throw new Error(
        `examples/invalid/manifest.json twins[${index}] needs of (one of ${[...seedExamples.keys()].join(', ')}), name, ` +
          `either "set" and "to" or "remove" (a JSON Pointer), instancePath, keyword and reason`,
      );
    }
    const name = `${entry.of as string}.${entry.name}`;
    return {
      name,
      seedFile: seed.file,
      change: 'set' in change ? `set ${change.set} to ${JSON.stringify(change.to)}` : `remove ${change.remove}`,
      eventType: seed.eventType,
      instancePath: entry.instancePath,
      keyword: entry.keyword,
      reason: entry.reason,
      build: () => {
        try {
          return withChange(readJsonFile(seed.file), change);
        } catch (error) {
          throw new Error(
            `twin ${name}: cannot apply its change to ${projectPath(seed.file)}: ${(error as Error).message}`,
            { cause: error },
          );
        }
      },
    };
  });
}

function jsonChangeOf(entry: Record<string, unknown>): JsonChange | undefined {
  if (typeof entry.set === 'string' && 'to' in entry && !('remove' in entry)) return { set: entry.set, to: entry.to };
  if (typeof entry.remove === 'string' && !('set' in entry)) return { remove: entry.remove };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
