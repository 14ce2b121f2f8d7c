/**
 * Step 2: the TypeScript types of the events come from the schemas. A type spec: vitest runs it in
 * typecheck mode (tsc), so `npm test` fails when a type drifts from what is written here. Nothing
 * here runs: a runtime assertion belongs in step-2-event-schemas.spec.ts.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Address,
  type eventTypes,
  type Currency,
  type EncodedBytes,
  type ErrorEvent,
  type EventType,
  type MoneyAmount,
  type NotificationEvent,
  type OrderReceivedEvent,
  type ReasonCode,
} from '@kafka-event-spec/events';

describe('Step 2: the TypeScript types come from the schemas', () => {
  it('the event types are exactly the CloudEvents types the schemas fix', () => {
    expectTypeOf<(typeof eventTypes)[number]>().toEqualTypeOf<EventType>();
  });

  it('an order line has an integer quantity and a decimal-string price, in one of four currencies', () => {
    type Line = OrderReceivedEvent['data']['items'][number];
    expectTypeOf<Line['quantity']>().toEqualTypeOf<number>();
    expectTypeOf<Line['unitPrice']>().toEqualTypeOf<MoneyAmount>();
    expectTypeOf<MoneyAmount>().toEqualTypeOf<string>();
    expectTypeOf<Currency>().toEqualTypeOf<'EUR' | 'USD' | 'GBP' | 'CHF'>();
  });

  it('a shipping address may carry a region (state or province), and nothing the schema does not name', () => {
    expectTypeOf<OrderReceivedEvent['data']['shippingAddress']>().toEqualTypeOf<Address>();
    expectTypeOf<Address>().toEqualTypeOf<{
      name: string;
      line1: string;
      line2?: string;
      postalCode: string;
      city: string;
      region?: string;
      country: string;
    }>();
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
