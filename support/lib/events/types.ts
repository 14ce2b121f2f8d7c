/**
 * TypeScript types of the events, derived from the schemas by json-schema-to-ts (FromSchema).
 * Nothing here restates a schema: change a schema and these types change with it
 * (see schemas/README.md, "Types come from the schemas").
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type {
  addressSchema,
  customerSchema,
  envelopeSchema,
  errorSchema,
  lineItemSchema,
  moneySchema,
  notificationSchema,
  orderConfirmedSchema,
  orderPickedAndPackedSchema,
  orderReceivedSchema,
} from './generated/schema-literals.js';

/** The schemas that event schemas $ref; FromSchema resolves "customer.schema.json" and the like by $id. */
type SharedSchemas = [
  typeof envelopeSchema,
  typeof moneySchema,
  typeof customerSchema,
  typeof addressSchema,
  typeof lineItemSchema,
];
type FromShopSchema<SCHEMA extends JSONSchema> = FromSchema<SCHEMA, { references: SharedSchemas }>;

export type OrderReceivedEvent = FromShopSchema<typeof orderReceivedSchema>;
export type OrderConfirmedEvent = FromShopSchema<typeof orderConfirmedSchema>;
export type OrderPickedAndPackedEvent = FromShopSchema<typeof orderPickedAndPackedSchema>;
export type NotificationEvent = FromShopSchema<typeof notificationSchema>;
export type ErrorEvent = FromShopSchema<typeof errorSchema>;

/** Any event of the shop, discriminated by its CloudEvents type. */
export type ShopEvent =
  OrderReceivedEvent | OrderConfirmedEvent | OrderPickedAndPackedEvent | NotificationEvent | ErrorEvent;
export type EventType = ShopEvent['type'];
export type EventOfType<TYPE extends EventType> = Extract<ShopEvent, { type: TYPE }>;

export type Customer = FromShopSchema<typeof customerSchema>;
export type Address = FromShopSchema<typeof addressSchema>;
export type LineItem = FromShopSchema<typeof lineItemSchema>;
export type MoneyAmount = FromShopSchema<typeof moneySchema.$defs.amount>;
export type Currency = FromShopSchema<typeof moneySchema.$defs.currency>;

export type ErrorReason = ErrorEvent['data']['reason'];
export type ReasonCode = ErrorReason['code'];
/** The failed record as an error event holds it. */
export type FailedRecord = ErrorEvent['data']['record'];
/** Bytes as an error event holds them: utf8 text when they are valid UTF-8, base64 otherwise. */
export type EncodedBytes = Exclude<FailedRecord['key'], null>;
/** A record value as an error event holds it: parsed JSON, or bytes, or null. */
export type EncodedValue = FailedRecord['value'];
export type JsonEncodedValue = Extract<EncodedValue, { encoding: 'json' }>;
