/**
 * Step 9's event: the OrderConfirmed that an OrderReceived becomes once the order is known not to be a
 * duplicate. It links back to what caused it (data.receivedEventId, the schema's causation link) and
 * carries what fulfilment needs, so the warehouse looks nothing up.
 */
import { orderConfirmedType, schemaIdByEventType } from './event-catalog.js';
import { nameBasedUuid } from './name-based-uuid.js';
import type { OrderConfirmedEvent, OrderReceivedEvent } from './types.js';
import { validateEvent, formatValidationErrors } from './validate-event.js';

/** The UUID namespace of order confirmations (a random v4, fixed once). */
const CONFIRMATION_NAMESPACE = Buffer.from('9c41d6e2b87a4f0d8e3b5a1c6f2d7e90', 'hex');

export const ORDER_SERVICE_SOURCE = '/shop/orders';

/** One id per order, whoever confirms it and however often: a second confirmation would be a copy, not a new event. */
export function confirmationId(orderId: string): string {
  return nameBasedUuid(CONFIRMATION_NAMESPACE, orderId);
}

/** The OrderConfirmed for `received`, validated against its schema. */
export function confirmationOf(received: OrderReceivedEvent, at: Date = new Date()): OrderConfirmedEvent {
  const { orderId, customer, shippingAddress, items } = received.data;
  const confirmed = {
    specversion: '1.0',
    id: confirmationId(orderId),
    source: ORDER_SERVICE_SOURCE,
    type: orderConfirmedType,
    time: at.toISOString(),
    subject: orderId,
    datacontenttype: 'application/json',
    dataschema: schemaIdByEventType[orderConfirmedType],
    data: {
      orderId,
      receivedEventId: received.id,
      customer,
      shippingAddress,
      items: items.map(({ sku, name, quantity }) => ({ sku, name, quantity })),
    },
  };
  const validation = validateEvent(orderConfirmedType, confirmed);
  if (!validation.ok)
    throw new Error(
      `the confirmation of order ${orderId} is not valid: ${formatValidationErrors(validation.errors).join('; ')}`,
    );
  return validation.event;
}
