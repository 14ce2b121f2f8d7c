/**
 * Step 9's state topic, ConfirmedOrders: which orders the confirm consumer has confirmed. It is in
 * scripts/topic-catalog.txt marked as beyond the milestone (`#+`), where its configuration is explained.
 * Its own file, importing nothing of the package: the checklist (loaded with vitest's config) names it.
 */
import { loadBeyondMilestoneTopics, TOPIC_CATALOG_FILE, type CatalogTopic } from './topic-catalog.js';

export const CONFIRMED_ORDERS_TOPIC_NAME = 'ConfirmedOrders';

function confirmedOrdersTopic(): CatalogTopic {
  const topic = loadBeyondMilestoneTopics().find((t) => t.name === CONFIRMED_ORDERS_TOPIC_NAME);
  if (topic === undefined)
    throw new Error(`${TOPIC_CATALOG_FILE} has no "#+ ${CONFIRMED_ORDERS_TOPIC_NAME} ..." line (beyond the milestone)`);
  return topic;
}

export const CONFIRMED_ORDERS_TOPIC: CatalogTopic = confirmedOrdersTopic();
