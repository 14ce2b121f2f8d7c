/** The event schema module: what later steps import to validate messages and build error events. */
export {
  errorEventType,
  eventTypes,
  isEventType,
  notificationType,
  orderConfirmedType,
  orderPickedAndPackedType,
  orderReceivedType,
  schemaIdByEventType,
} from './event-catalog.js';
export { detectEventType, formatValidationErrors, validateEvent } from './validate-event.js';
export type { ValidationError, ValidationResult } from './validate-event.js';
export { buildErrorEvent, headersFromKafkajs, headersToKafkajs, rebuildFailedRecord } from './error-event.js';
export type { ErrorEventInput, ReceivedRecord, RecordHeader, ReplayableRecord } from './error-event.js';
export { buildErrorEventWithin } from './error-event-within.js';
export type { ParsedValue, SerializedErrorEvent } from './error-event-within.js';
export type { RecordLocation, TruncatedBytes, WholeBytes } from './record-bytes.js';
export {
  decodeBytes,
  decodeValue,
  encodeBytes,
  encodeValue,
  truncateBytes,
  TruncatedBytesError,
} from './record-bytes.js';
export { fromMinorUnits, toMinorUnits } from './money.js';
export { valueAt, withChange } from './json-pointer.js';
export type { JsonChange } from './json-pointer.js';
export type * from './types.js';
export * from './schema-registry.js';
export { nameBasedUuid } from './name-based-uuid.js';
export { confirmationId, confirmationOf, ORDER_SERVICE_SOURCE } from './order-confirmation.js';
