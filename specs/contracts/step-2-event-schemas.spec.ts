/**
 * Step 2: five JSON Schemas (draft 2020-12) are the contract of the order pipeline, and the
 * TypeScript types of the events come from them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { renderSchemaLiterals, schemaLiteralsFile } from '../../support/events/codegen/render-schema-literals.js';
import {
  eventTypes,
  schemaIdByEventType,
  type Currency,
  type EncodedBytes,
  type ErrorEvent,
  type EventType,
  type MoneyAmount,
  type NotificationEvent,
  type OrderReceivedEvent,
  type ReasonCode,
} from '../../support/events/index.js';
import { createStrictAjv, readSchemaFiles } from '../../support/events/schema-registry.js';
import { valueAt } from '../../support/events/json-pointer.js';
import { undescribedProperties } from '../../support/events/schema-lint.js';

const schemaFiles = readSchemaFiles();
const schemaById = new Map(schemaFiles.map(({ schema }) => [schema.$id, schema]));

describe('Step 2: the event schemas', () => {
  it('every schema compiles with Ajv in strict mode (no unknown keyword, no loose type)', () => {
    const ajv = createStrictAjv();
    for (const { schema } of schemaFiles) ajv.addSchema(schema);
    for (const { fileName, schema } of schemaFiles) {
      expect(() => ajv.getSchema(String(schema.$id)), fileName).not.toThrow();
    }
  });

  it('every schema is draft 2020-12 with an $id named after its file, a title and a description', () => {
    for (const { fileName, schema } of schemaFiles) {
      expect(schema.$schema, fileName).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id, fileName).toBe(`https://shop.example.com/schemas/${fileName}`);
      expect(schema.title, fileName).toEqual(expect.any(String));
      expect(schema.description, fileName).toEqual(expect.any(String));
    }
  });

  it('every property in every schema has a description', () => {
    for (const { fileName, schema } of schemaFiles) {
      expect(undescribedProperties(schema), fileName).toEqual([]);
    }
  });

  it('there is one schema per event type, and it fixes type and dataschema to that type and its own $id', () => {
    for (const type of eventTypes) {
      const schema = schemaById.get(schemaIdByEventType[type]);
      expect(schema, type).toBeDefined();
      expect(valueAt(schema, '/properties/type/const'), type).toBe(type);
      expect(valueAt(schema, '/properties/dataschema/const'), type).toBe(schemaIdByEventType[type]);
    }
  });

  it('every event schema is the shared CloudEvents envelope plus its own data, closed to unknown properties', () => {
    for (const type of eventTypes) {
      const schema = schemaById.get(schemaIdByEventType[type]);
      expect(schema?.allOf, type).toEqual([{ $ref: 'envelope.schema.json' }]);
      expect(schema?.unevaluatedProperties, type).toBe(false);
    }
  });

  it('a notification can only be triggered by one of the order event types', () => {
    const notificationSchema = schemaById.get(schemaIdByEventType['com.example.shop.notification.requested']);
    const triggeringTypes = valueAt(
      notificationSchema,
      '/properties/data/properties/triggeredBy/properties/eventType/enum',
    );
    expect(triggeringTypes).toEqual(eventTypes.filter((type) => type.startsWith('com.example.shop.order.')));
  });
});

describe('Step 2: the TypeScript types come from the schemas', () => {
  it('the typed copy of the schemas (support/events/generated/schema-literals.ts) is current', () => {
    // npm run typecheck checks the same thing before tsc runs.
    expect(readFileSync(schemaLiteralsFile, 'utf8')).toBe(renderSchemaLiterals());
  });

  it('the event types are exactly the CloudEvents types the schemas fix', () => {
    expectTypeOf<(typeof eventTypes)[number]>().toEqualTypeOf<EventType>();
    expect(new Set(eventTypes).size).toBe(5);
  });

  it('an order line has an integer quantity and a decimal-string price, in one of four currencies', () => {
    type Line = OrderReceivedEvent['data']['items'][number];
    expectTypeOf<Line['quantity']>().toEqualTypeOf<number>();
    expectTypeOf<Line['unitPrice']>().toEqualTypeOf<MoneyAmount>();
    expectTypeOf<MoneyAmount>().toEqualTypeOf<string>();
    expectTypeOf<Currency>().toEqualTypeOf<'EUR' | 'USD' | 'GBP' | 'CHF'>();
  });

  it('an event type has exactly the CloudEvents attributes (closed like its schema)', () => {
    expectTypeOf<keyof OrderReceivedEvent>().toEqualTypeOf<
      'specversion' | 'id' | 'source' | 'type' | 'time' | 'subject' | 'datacontenttype' | 'dataschema' | 'data'
    >();
    expectTypeOf<NotificationEvent['data']['channel']>().toEqualTypeOf<'email'>();
  });

  it('an error event types its key as null or bytes that name their encoding, and its reason code as a closed list', () => {
    expectTypeOf<ErrorEvent['data']['record']['key']>().toEqualTypeOf<EncodedBytes | null>();
    expectTypeOf<EncodedBytes>().toEqualTypeOf<
      | { encoding: 'utf8'; text: string }
      | { encoding: 'base64'; base64: string }
      | {
          encoding: 'truncated';
          size: number;
          sha256: string;
          prefix: { encoding: 'utf8'; text: string } | { encoding: 'base64'; base64: string };
          readFrom: { topic: string; partition: number; offset: string };
        }
    >();
    expectTypeOf<ReasonCode>().toEqualTypeOf<
      'NULL_VALUE' | 'NOT_JSON' | 'WRONG_EVENT_TYPE' | 'SCHEMA_INVALID' | 'HANDLER_FAILED'
    >();
  });
});
