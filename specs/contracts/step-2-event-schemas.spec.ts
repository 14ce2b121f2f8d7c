/**
 * Step 2: five JSON Schemas (draft 2020-12) are the contract of the order pipeline, and the
 * TypeScript types of the events come from them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  regenerateCommand,
  renderSchemaLiterals,
  schemaLiteralsFile,
  readSchemaFiles,
} from '#support/codegen/index.js';
import { createStrictAjv, eventTypes, schemaIdByEventType, valueAt } from '@kafka-event-spec/events';
import { undescribedProperties } from '#support/schema-checks/index.js';

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
    expect(
      triggeringTypes,
      'step 2: notification.schema.json triggeredBy.eventType enum must be the order event types',
    ).toEqual(eventTypes.filter((type) => type.startsWith('com.example.shop.order.')));
  });
});

// The types themselves are checked by step-2-event-types.spec-d.ts, in vitest's typecheck mode.
describe('Step 2: the TypeScript types come from the schemas', () => {
  it('the typed copy of the schemas (support/lib/events/generated/schema-literals.ts) is current', () => {
    // npm run typecheck checks the same thing before tsc runs.
    expect(
      readFileSync(schemaLiteralsFile, 'utf8'),
      `step 2: support/lib/events/generated/schema-literals.ts is stale: run ${regenerateCommand}`,
    ).toBe(renderSchemaLiterals());
  });

  it('there are five event types, each once', () => {
    expect(new Set(eventTypes).size, 'step 2: distinct event types').toBe(5);
  });
});
