/**
 * A topic catalog (TOPIC_CATALOG) compared with what the milestone pins: its five topics, the error
 * topic among them, 3 days of retention on every one, and one configuration for all five. A team's
 * catalog may differ (a replication factor of 3 is fine); verify says how, and checks the cluster
 * against the milestone where the catalog disagrees with it.
 */
import { ERROR_TOPIC, FIRST_TOPIC, MILESTONE_TOPICS, THREE_DAYS_MS } from './milestone-pins.js';
import { RETENTION_MS } from './topic-config-names.js';
import type { CatalogTopic } from './topic-catalog.js';
import { showConfigValue } from './topic-settings.js';

const THREE_DAYS = String(THREE_DAYS_MS);

/** The ways `catalog` differs from the milestone, one phrase each; empty when it does not. */
export function catalogDifferences(catalog: readonly CatalogTopic[]): string[] {
  const found: string[] = [];
  const names = catalog.map((t) => t.name);
  const missing = MILESTONE_TOPICS.filter((name) => !names.includes(name));
  if (missing.length > 0) found.push(`it lacks ${missing.join(', ')}`);
  if (!names.includes(ERROR_TOPIC)) found.push(`it has no error topic (${ERROR_TOPIC})`);
  const extra = names.filter((name) => !(MILESTONE_TOPICS as readonly string[]).includes(name));
  if (extra.length > 0) found.push(`it adds ${extra.join(', ')}`);
  for (const topic of catalog) {
    const retention = topic.configs[RETENTION_MS];
    if (retention !== THREE_DAYS) {
      found.push(
        `${topic.name} ${RETENTION_MS} is ${showConfigValue(RETENTION_MS, retention)}, the milestone's is ${showConfigValue(RETENTION_MS, THREE_DAYS)}`,
      );
    }
  }
  const first = catalog.find((t) => t.name === FIRST_TOPIC);
  if (first !== undefined) {
    const shape = (t: CatalogTopic) =>
      JSON.stringify([
        t.partitions,
        Object.entries(t.configs)
          .filter(([k]) => k !== RETENTION_MS)
          .sort(),
      ]);
    const unlike = catalog.filter((t) => t !== first && shape(t) !== shape(first)).map((t) => t.name);
    if (unlike.length > 0)
      found.push(`${unlike.join(', ')} not configured like ${FIRST_TOPIC} (one configuration for all five)`);
  }
  return found;
}

/** The catalog as the milestone checks it: every topic's retention is 3 days, whatever the catalog says. */
export function pinnedToMilestone(catalog: readonly CatalogTopic[]): CatalogTopic[] {
  return catalog.map((t) => ({ ...t, configs: { ...t.configs, [RETENTION_MS]: THREE_DAYS } }));
}
