/**
 * Step 2: the examples in examples/ are valid events, and together they tell one story: one order
 * is received, confirmed, picked and packed, the customer is to be emailed, and the email fails.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectEventType,
  errorEventType,
  eventTypes,
  examplePathByEventType,
  formatValidationErrors,
  notificationType,
  notJsonErrorExamplePath,
  orderConfirmedType,
  orderPickedAndPackedType,
  orderReceivedType,
  readExample,
  readJsonFile,
  readValidExample,
  schemaIdByEventType,
  toMinorUnits,
  validateEvent,
} from '../../support/events/index.js';

describe('Step 2: the examples are valid events', () => {
  it('the five seed examples exist under their agreed names', () => {
    const names = eventTypes.map((type) => examplePathByEventType[type].split('/').at(-1));
    expect(names).toEqual([
      'order_received.json',
      'order_confirmed.json',
      'order_picked_and_packed.json',
      'notification.json',
      'error.json',
    ]);
    for (const type of eventTypes) expect(existsSync(examplePathByEventType[type]), type).toBe(true);
  });

  it.each(eventTypes)('the example of %s validates against its schema', (type) => {
    const result = validateEvent(type, readExample(type));
    expect(result.ok ? [] : formatValidationErrors(result.errors)).toEqual([]);
  });

  it.each(eventTypes)('the type of the %s example is detected from its CloudEvents type', (type) => {
    expect(detectEventType(readExample(type))).toBe(type);
  });

  it('each example names its own schema as dataschema', () => {
    for (const type of eventTypes) expect(readValidExample(type).dataschema).toBe(schemaIdByEventType[type]);
  });

  it('the error example whose record was not JSON validates too', () => {
    const result = validateEvent(errorEventType, readJsonFile(notJsonErrorExamplePath));
    expect(result.ok ? [] : formatValidationErrors(result.errors)).toEqual([]);
  });

  it('a message that is not one of our events has no detected type', () => {
    expect(detectEventType({ type: 'com.example.shop.order.cancelled' })).toBeUndefined();
    expect(detectEventType({ specversion: '1.0' })).toBeUndefined();
    expect(detectEventType('com.example.shop.order.received')).toBeUndefined();
    expect(detectEventType(null)).toBeUndefined();
  });
});

describe('Step 2: the examples tell one order story', () => {
  const received = readValidExample(orderReceivedType);
  const confirmed = readValidExample(orderConfirmedType);
  const packed = readValidExample(orderPickedAndPackedType);
  const notification = readValidExample(notificationType);
  const error = readValidExample(errorEventType);
  const orderId = received.data.orderId;

  it('the same order id runs through all five examples, and is the subject of every order event', () => {
    expect([confirmed.data.orderId, packed.data.orderId, notification.data.orderId]).toEqual([orderId, orderId, orderId]);
    expect([received.subject, confirmed.subject, packed.subject, notification.subject]).toEqual([
      orderId,
      orderId,
      orderId,
      orderId,
    ]);
    expect(error.data.record.key).toEqual({ encoding: 'utf8', text: orderId });
  });

  it('each event refers to the one before it', () => {
    expect(confirmed.data.receivedEventId).toBe(received.id);
    expect(packed.data.confirmedEventId).toBe(confirmed.id);
    expect(notification.data.triggeredBy).toEqual({ eventId: packed.id, eventType: packed.type });
  });

  it('the error example holds the notification example exactly as it was on the topic', () => {
    expect(error.data.record.value).toEqual({ encoding: 'json', json: notification });
    expect(error.subject).toBe(`${error.data.record.topic}/${error.data.record.partition}/${error.data.record.offset}`);
  });

  it('the event inside the error example is itself a valid event of its type', () => {
    const failed = error.data.record.value;
    const embedded = failed?.encoding === 'json' ? failed.json : undefined;
    const type = detectEventType(embedded);
    expect(type).toBe(notificationType);
    const result = validateEvent(notificationType, embedded);
    expect(result.ok ? [] : formatValidationErrors(result.errors)).toEqual([]);
  });

  it('the total is the sum of quantity times unit price, computed without floats', () => {
    const sum = received.data.items.reduce((total, item) => total + BigInt(item.quantity) * toMinorUnits(item.unitPrice), 0n);
    expect(sum).toBe(toMinorUnits(received.data.total));
  });

  it('the warehouse is asked for exactly what was ordered, and packs exactly that', () => {
    const ordered = received.data.items.map(({ sku, name, quantity }) => ({ sku, name, quantity }));
    expect(confirmed.data.items).toEqual(ordered);
    const packedQuantities = new Map<string, number>();
    for (const item of packed.data.packages.flatMap((pkg) => pkg.items)) {
      packedQuantities.set(item.sku, (packedQuantities.get(item.sku) ?? 0) + item.quantity);
    }
    expect(Object.fromEntries(packedQuantities)).toEqual(Object.fromEntries(ordered.map((item) => [item.sku, item.quantity])));
  });

  it('the customer of the order is the one emailed', () => {
    expect(confirmed.data.customer).toEqual(received.data.customer);
    expect(notification.data.recipient).toEqual({ name: received.data.customer.name, email: received.data.customer.email });
  });

  it('things happen in order: placed, received, confirmed, picked, packed, notified, failed', () => {
    const times = [
      received.data.placedAt,
      received.time,
      confirmed.time,
      packed.data.pickedAt,
      packed.data.packedAt,
      packed.time,
      notification.time,
      error.time,
    ].map((time) => Date.parse(time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
