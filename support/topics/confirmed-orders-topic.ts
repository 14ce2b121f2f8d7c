/**
 * Step 9's state topic, ConfirmedOrders: which orders the confirm consumer has confirmed. Beyond the
 * milestone, so not in scripts/topic-catalog.txt (see confirm-topics.ts). Compacted: one record per
 * order id is all the consumer needs, kept as long as the topic lives, so retention.ms does not apply.
 * Its own file, importing nothing: the checklist (loaded with vitest's config) shows its create command.
 */
export const CONFIRMED_ORDERS_TOPIC = {
  name: 'ConfirmedOrders',
  event: 'confirmed_order_ids',
  partitions: 3,
  replicationFactor: 1,
  configs: { 'cleanup.policy': 'compact', 'min.insync.replicas': '1' },
} as const;
