/**
 * Step 2: the schemas are as tight as they look. Each constraint of each schema (a required entry,
 * a format, a pattern, a min/max, a const, an enum, a closed object) is deleted in turn, and some
 * invalid twin must then be accepted: otherwise no twin proves that constraint, and a schema that
 * lost it would pass every spec. A constraint no twin can prove is listed, with why, in
 * examples/invalid/untested-constraints.json.
 */
import { describe, expect, it } from 'vitest';
import { type EventType, schemaIdByEventType, validateEvent } from '@kafka-event-spec/events';
import { readInvalidTwins } from '#support/examples/index.js';
import { readSchemaFiles } from '#support/codegen/index.js';
import {
  mutantValidators,
  readUntestedConstraints,
  type SchemaMutant,
  schemaMutants,
} from '#support/schema-checks/index.js';

const schemaFiles = readSchemaFiles();
const mutants = schemaFiles.flatMap(({ fileName, schema }) => schemaMutants(fileName, schema));
const untested = readUntestedConstraints();
const twins = readInvalidTwins();
const killed = new Set<string>();

/**
 * The twins the schemas as written reject, built once: a twin they accept proves nothing here (the
 * invalid-twins spec reports it).
 */
let rejected: { name: string; eventType: EventType; value: unknown }[] | undefined;
function rejectedTwins(): { name: string; eventType: EventType; value: unknown }[] {
  rejected ??= twins
    .map((twin) => ({ name: twin.name, eventType: twin.eventType, value: twin.build() }))
    .filter((twin) => !validateEvent(twin.eventType, twin.value).ok);
  return rejected;
}

/** The twins a loosened schema accepts; the twins of the mutated file's own event are tried first. */
function acceptedTwins(mutant: SchemaMutant, stopAtFirst: boolean): string[] {
  const validatorOf = mutantValidators(schemaFiles, mutant);
  const ownFirst = [...rejectedTwins()].sort(
    (a, b) =>
      Number(!schemaIdByEventType[a.eventType].endsWith(`/${mutant.fileName}`)) -
      Number(!schemaIdByEventType[b.eventType].endsWith(`/${mutant.fileName}`)),
  );
  const accepted: string[] = [];
  for (const twin of ownFirst) {
    if (validatorOf(twin.eventType)(twin.value)) {
      accepted.push(twin.name);
      if (stopAtFirst) break;
    }
  }
  return accepted;
}

describe('Step 2: every schema constraint is needed by an invalid twin', () => {
  it.afterAll(() => {
    console.log(
      `schema mutation score: ${killed.size}/${mutants.length}` +
        (untested.size > 0
          ? ` (${untested.size} listed as untested, with why, in examples/invalid/untested-constraints.json)`
          : ''),
    );
  });

  it('the schemas have constraints to loosen', () => {
    expect(mutants.length, 'constraints found in schemas/*.schema.json').toBeGreaterThan(100);
  });

  it('every constraint listed as untested exists in the schemas', () => {
    const ids = new Set(mutants.map((mutant) => mutant.id));
    expect(
      [...untested.keys()].filter((id) => !ids.has(id)),
      'untested-constraints.json names constraints the schemas do not have',
    ).toEqual([]);
  });

  describe.each(mutants)('$id', (mutant) => {
    const why = untested.get(mutant.id);
    if (why === undefined) {
      it('deleting it lets an invalid twin through', () => {
        const accepted = acceptedTwins(mutant, true);
        expect(
          accepted,
          `step 2: with ${mutant.id} deleted every invalid twin is still rejected, so nothing proves that constraint. ` +
            'Add a twin to examples/invalid/manifest.json that breaks only this rule, or list it with why in examples/invalid/untested-constraints.json',
        ).not.toEqual([]);
        killed.add(mutant.id);
      });
    } else {
      it(`is listed as untested: ${why}`, () => {
        const accepted = acceptedTwins(mutant, false);
        expect(
          accepted,
          `step 2: ${mutant.id} is listed as untested, but these twins need it: remove it from examples/invalid/untested-constraints.json`,
        ).toEqual([]);
      });
    }
  });
});
