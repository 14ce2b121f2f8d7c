/**
 * The five events: their CloudEvents type and schema $id. Types and ids are read
 * from the schemas (through the generated literals), never retyped here.
 */
import {
  errorSchema,
  notificationSchema,
  orderConfirmedSchema,
  orderPickedAndPackedSchema,
  orderReceivedSchema,
} from './generated/schema-literals.js';
import type { EventType } from './types.js';

/** Every event type, in the order one order's story produces them. */
export const eventTypes = [
  orderReceivedSchema.properties.type.const,
  orderConfirmedSchema.properties.type.const,
  orderPickedAndPackedSchema.properties.type.const,
  notificationSchema.properties.type.const,
  errorSchema.properties.type.const,
] as const satisfies readonly EventType[];

export const orderReceivedType = orderReceivedSchema.properties.type.const;
export const orderConfirmedType = orderConfirmedSchema.properties.type.const;
export const orderPickedAndPackedType = orderPickedAndPackedSchema.properties.type.const;
export const notificationType = notificationSchema.properties.type.const;
export const errorEventType = errorSchema.properties.type.const;

/** Event type -> the $id of its schema, which is also the event's dataschema. */
export const schemaIdByEventType = {
  [orderReceivedType]: orderReceivedSchema.$id,
  [orderConfirmedType]: orderConfirmedSchema.$id,
  [orderPickedAndPackedType]: orderPickedAndPackedSchema.$id,
  [notificationType]: notificationSchema.$id,
  [errorEventType]: errorSchema.$id,
} as const satisfies Record<EventType, string>;

export function isEventType(value: unknown): value is EventType {
  return (eventTypes as readonly unknown[]).includes(value);
}
