/**
 * Step 2: the examples in examples/ are valid events, and together they tell one story: one order
 * is received, confirmed, picked and packed, the customer is to be emailed, and the email fails.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describeInvalidExample,
  examplePathByEventType,
  notJsonErrorExamplePath,
  projectPath,
  readExample,
  readJsonFile,
  readValidExample,
} from '#support/examples/index.js';
import {
  detectEventType,
  errorEventType,
  eventTypes,
  formatValidationErrors,
  fromMinorUnits,
  notificationType,
  orderConfirmedType,
  orderPickedAndPackedType,
  orderReceivedType,
  schemaIdByEventType,
  toMinorUnits,
  validateEvent,
} from '@kafka-event-spec/events';

describe('Step 2: the examples are valid events', () => {
  it('the five seed examples exist under their agreed names', () => {
    const names = eventTypes.map((type) => examplePathByEventType[type].split('/').at(-1));
    expect(names, "step 2: the seed examples' file names").toEqual([
      'order_received.json',
      'order_confirmed.json',
      'order_picked_and_packed.json',
      'notification.json',
      'error.json',
    ]);
    for (const type of eventTypes) expect(existsSync(examplePathByEventType[type]), type).toBe(true);
  });

  it.each(eventTypes)('the example of %s validates against its schema', (type) => {
    const example = readExample(type);
    const result = validateEvent(type, example);
    expect(
      result.ok ? [] : describeInvalidExample(examplePathByEventType[type], example, result.errors),
      `step 2: ${projectPath(examplePathByEventType[type])} must be a valid ${type}`,
    ).toEqual([]);
  });

  it.each(eventTypes)('the type of the %s example is detected from its CloudEvents type', (type) => {
    expect(
      detectEventType(readExample(type)),
      `step 2: the type detected from ${projectPath(examplePathByEventType[type])}`,
    ).toBe(type);
  });

  it('each example names its own schema as dataschema', () => {
    for (const type of eventTypes) {
      expect(
        readValidExample(type).dataschema,
        `step 2: dataschema of ${projectPath(examplePathByEventType[type])}`,
      ).toBe(schemaIdByEventType[type]);
    }
  });

  it('the error example whose record was not JSON validates too', () => {
    const example = readJsonFile(notJsonErrorExamplePath);
    const result = validateEvent(errorEventType, example);
    expect(
      result.ok ? [] : describeInvalidExample(notJsonErrorExamplePath, example, result.errors),
      `step 2: ${projectPath(notJsonErrorExamplePath)} must be a valid ${errorEventType}`,
    ).toEqual([]);
  });

  it('a message that is not one of our events has no detected type', () => {
    expect(detectEventType({ type: 'com.example.shop.order.cancelled' })).toBeUndefined();
    expect(detectEventType({ specversion: '1.0' })).toBeUndefined();
    expect(detectEventType('com.example.shop.order.received')).toBeUndefined();
    expect(detectEventType(null)).toBeUndefined();
  });
});

describe('Step 2: the examples tell one order story', () => {
  // Read inside each test: an invalid example fails the tests that use it, with its field, rule,
  // bad value and file, rather than this whole file at load.
  const story = () => {
    const received = readValidExample(orderReceivedType);
    return {
      received,
      confirmed: readValidExample(orderConfirmedType),
      packed: readValidExample(orderPickedAndPackedType),
      notification: readValidExample(notificationType),
      error: readValidExample(errorEventType),
      orderId: received.data.orderId,
    };
  };

  it('the same order id runs through all five examples, and is the subject of every order event', () => {
    const { received, confirmed, packed, notification, error, orderId } = story();
    expect(
      { confirmed: confirmed.data.orderId, packed: packed.data.orderId, notification: notification.data.orderId },
      `step 2: every example's data.orderId must be the received order's ${orderId}`,
    ).toEqual({ confirmed: orderId, packed: orderId, notification: orderId });
    expect(
      {
        received: received.subject,
        confirmed: confirmed.subject,
        packed: packed.subject,
        notification: notification.subject,
      },
      `step 2: every order event's subject must be the order id ${orderId}`,
    ).toEqual({ received: orderId, confirmed: orderId, packed: orderId, notification: orderId });
    expect(error.data.record.key, "step 2: the error example's failed record is keyed by the order id").toEqual({
      encoding: 'utf8',
      text: orderId,
    });
  });

  it('each event refers to the one before it', () => {
    const { received, confirmed, packed, notification } = story();
    expect(
      confirmed.data.receivedEventId,
      "step 2: order_confirmed.json data.receivedEventId must be order_received.json's id",
    ).toBe(received.id);
    expect(
      packed.data.confirmedEventId,
      "step 2: order_picked_and_packed.json data.confirmedEventId must be order_confirmed.json's id",
    ).toBe(confirmed.id);
    expect(
      notification.data.triggeredBy,
      'step 2: notification.json data.triggeredBy must name order_picked_and_packed.json',
    ).toEqual({
      eventId: packed.id,
      eventType: packed.type,
    });
  });

  it('the error example holds the notification example exactly as it was on the topic', () => {
    const { notification, error } = story();
    expect(error.data.record.value, 'step 2: error.json data.record.value must be notification.json as JSON').toEqual({
      encoding: 'json',
      json: notification,
    });
    expect(error.subject, "step 2: error.json subject must be its record's topic/partition/offset").toBe(
      `${error.data.record.topic}/${error.data.record.partition}/${error.data.record.offset}`,
    );
  });

  it('the event inside the error example is itself a valid event of its type', () => {
    const { error } = story();
    const failed = error.data.record.value;
    const embedded = failed?.encoding === 'json' ? failed.json : undefined;
    const type = detectEventType(embedded);
    expect(type, 'step 2: the type of the event inside error.json').toBe(notificationType);
    const result = validateEvent(notificationType, embedded);
    expect(
      result.ok ? [] : formatValidationErrors(result.errors),
      `step 2: the event inside error.json must be a valid ${notificationType}`,
    ).toEqual([]);
  });

  it('the total is the sum of quantity times unit price, computed without floats', () => {
    const { received } = story();
    const sum = received.data.items.reduce(
      (total, item) => total + BigInt(item.quantity) * toMinorUnits(item.unitPrice),
      0n,
    );
    expect(
      fromMinorUnits(sum),
      `step 2: order_received.json total ${received.data.total} must be the sum of quantity x unitPrice`,
    ).toBe(received.data.total);
  });

  it('the warehouse is asked for exactly what was ordered, and packs exactly that', () => {
    const { received, confirmed, packed } = story();
    const ordered = received.data.items.map(({ sku, name, quantity }) => ({ sku, name, quantity }));
    expect(
      confirmed.data.items,
      'step 2: order_confirmed.json items must be what order_received.json ordered (sku, name, quantity)',
    ).toEqual(ordered);
    const packedQuantities = new Map<string, number>();
    for (const item of packed.data.packages.flatMap((pkg) => pkg.items)) {
      packedQuantities.set(item.sku, (packedQuantities.get(item.sku) ?? 0) + item.quantity);
    }
    expect(
      Object.fromEntries(packedQuantities),
      'step 2: quantities packed per sku in order_picked_and_packed.json must be those ordered',
    ).toEqual(Object.fromEntries(ordered.map((item) => [item.sku, item.quantity])));
  });

  it('the customer of the order is the one emailed', () => {
    const { received, confirmed, notification } = story();
    expect(confirmed.data.customer, "step 2: order_confirmed.json customer must be order_received.json's").toEqual(
      received.data.customer,
    );
    expect(notification.data.recipient, "step 2: notification.json recipient must be the order's customer").toEqual({
      name: received.data.customer.name,
      email: received.data.customer.email,
    });
  });

  it('the order is confirmed for the address it was received with: a US address, with its state as region', () => {
    const { received, confirmed } = story();
    expect(
      confirmed.data.shippingAddress,
      "step 2: order_confirmed.json shippingAddress must be order_received.json's",
    ).toEqual(received.data.shippingAddress);
    expect(
      { country: received.data.shippingAddress.country, region: received.data.shippingAddress.region },
      'step 2: order_received.json ships to a US address whose state is its region (the schema allows a region)',
    ).toEqual({ country: 'US', region: 'OR' });
  });

  it('things happen in order: placed, received, confirmed, picked, packed, notified, failed', () => {
    const { received, confirmed, packed, notification, error } = story();
    const times = [
      received.data.placedAt,
      received.time,
      confirmed.time,
      packed.data.pickedAt,
      packed.data.packedAt,
      packed.time,
      notification.time,
      error.time,
    ];
    const sorted = [...times].sort((a, b) => Date.parse(a) - Date.parse(b));
    expect(
      times,
      "step 2: the examples' times in story order (placedAt, received, confirmed, pickedAt, packedAt, packed, notified, failed) must not go back",
    ).toEqual(sorted);
  });
});
