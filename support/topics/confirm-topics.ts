/**
 * Step 9's topics, beyond the milestone: the catalog's OrderReceived, OrderConfirmed and
 * DeadLetterQueue, and the confirm consumer's compacted state topic, ConfirmedOrders, which the
 * catalog holds on a line marked as beyond the milestone (see confirmed-orders-topic.ts).
 */
import type { ConfirmTopics } from '@kafka-event-spec/events';
import { prefixedTopic, type PrefixedTopic } from './catalog-topics.js';
import type { OwnedTopics } from './owned-topics.js';
import { topicPrefix } from './topic-prefix.js';
import { CONFIRMED_ORDERS_TOPIC } from './confirmed-orders-topic.js';

export { CONFIRMED_ORDERS_TOPIC };

/** The state topic under `prefix`, with its configuration: for whoever creates the four topics. */
export function confirmedOrdersTopic(prefix: string): PrefixedTopic {
  return {
    ...CONFIRMED_ORDERS_TOPIC,
    configs: { ...CONFIRMED_ORDERS_TOPIC.configs },
    topic: `${prefix}${CONFIRMED_ORDERS_TOPIC.name}`,
  };
}

/** The four topics under a fresh prefix for `what`, created and owned by `owned`; and that prefix. */
export async function createConfirmTopics(
  owned: OwnedTopics,
  what: string,
): Promise<ConfirmTopics & { readonly prefix: string }> {
  const prefix = topicPrefix(what);
  const state = confirmedOrdersTopic(prefix);
  const [orderReceived, orderConfirmed, deadLetter] = ['OrderReceived', 'OrderConfirmed', 'DeadLetterQueue'].map(
    (name) => prefixedTopic(prefix, name),
  ) as [PrefixedTopic, PrefixedTopic, PrefixedTopic];
  await owned.create([orderReceived, orderConfirmed, deadLetter, state]);
  return {
    prefix,
    orderReceived: orderReceived.topic,
    orderConfirmed: orderConfirmed.topic,
    confirmedOrders: state.topic,
    deadLetter: deadLetter.topic,
  };
}
