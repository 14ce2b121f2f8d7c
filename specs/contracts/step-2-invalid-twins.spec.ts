/**
 * Step 2: each event has invalid twins, copies of its example with exactly one thing broken (one
 * line each in examples/invalid/manifest.json), and the schemas reject each one for exactly the
 * reason its manifest entry states.
 */
import { describe, expect, it } from 'vitest';
import {
  eventTypes,
  formatValidationErrors,
  orderReceivedType,
  validateEvent,
  type ValidationError,
} from '@kafka-event-spec/events';
import { readExample, readInvalidTwins } from '#support/examples/index.js';

const twins = readInvalidTwins();

// A oneOf failure is reported with one error per branch it tried, all at or below its own path.
const combinators = new Set(['oneOf', 'anyOf']);

function isAtOrBelow(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function describeErrors(errors: readonly ValidationError[]): string[] {
  return errors.map((error) => `${error.instancePath} ${error.keyword}: ${error.message}`);
}

describe('Step 2: invalid twins', () => {
  it('every twin has its own name', () => {
    const names = twins.map((twin) => twin.name);
    expect(
      names.filter((name, index) => names.indexOf(name) !== index),
      'twin names listed twice in the manifest',
    ).toEqual([]);
  });

  it.each(eventTypes)('%s has at least three invalid twins', (type) => {
    expect(twins.filter((twin) => twin.eventType === type).length, `twins of ${type}`).toBeGreaterThanOrEqual(3);
  });

  describe.each(twins)('$name: $change', (twin) => {
    it(`is rejected as ${twin.eventType} at "${twin.instancePath}" by ${twin.keyword}: ${twin.reason}`, () => {
      const result = validateEvent(twin.eventType, twin.build());
      expect(
        result.ok,
        `twin ${twin.name} (${twin.change}) must be rejected, but ${twin.eventType}'s schema accepts it`,
      ).toBe(false);
      const errors = result.ok ? [] : result.errors;
      expect(errors, `twin ${twin.name} must fail at "${twin.instancePath}" by ${twin.keyword}`).toContainEqual(
        expect.objectContaining({ instancePath: twin.instancePath, keyword: twin.keyword }),
      );
      // ...and for nothing else: one error, or a combinator's errors all about that one value.
      if (combinators.has(twin.keyword)) {
        const elsewhere = errors.filter((error) => !isAtOrBelow(error.instancePath, twin.instancePath));
        expect(describeErrors(elsewhere), `twin ${twin.name} must break only "${twin.instancePath}"`).toEqual([]);
      } else {
        expect(describeErrors(errors), `twin ${twin.name} must break exactly one rule`).toHaveLength(1);
      }
    });
  });
});

describe('Step 2: what the schemas reject, shown on the order received example', () => {
  function orderReceivedWith(
    change: (event: { time: unknown; data: { items: { unitPrice: unknown }[] } }) => void,
  ): unknown {
    const event = structuredClone(readExample(orderReceivedType)) as {
      time: unknown;
      data: { items: { unitPrice: unknown }[] };
    };
    change(event);
    return event;
  }

  it('rejects a malformed date-time such as 2020-10-0316T17:00:39', () => {
    const result = validateEvent(
      orderReceivedType,
      orderReceivedWith((event) => (event.time = '2020-10-0316T17:00:39')),
    );
    expect(result.ok ? [] : result.errors).toEqual([
      expect.objectContaining({ instancePath: '/time', keyword: 'format' }),
    ]);
  });

  it('rejects a price written as a float, even one that looks right (12.5 or 12.50 as a number)', () => {
    const result = validateEvent(
      orderReceivedType,
      orderReceivedWith((event) => {
        const [first] = event.data.items;
        if (first) first.unitPrice = 12.5;
      }),
    );
    expect(result.ok ? [] : formatValidationErrors(result.errors)).toEqual(['/data/items/0/unitPrice: must be string']);
  });
});
