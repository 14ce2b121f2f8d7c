import { readFileSync } from 'node:fs';
import { repoPath } from '../lib/repo-root.js';

export const TOPIC_CATALOG_FILE = repoPath('scripts', 'topic-catalog.txt');

export interface CatalogTopic {
  /** The name without any prefix, e.g. OrderReceived. */
  name: string;
  /** The event it carries: the base name of its example, e.g. order_received. */
  event: string;
  partitions: number;
  replicationFactor: number;
  /** Topic-level configs, in the catalog's order. */
  configs: Readonly<Record<string, string>>;
}

function positiveInt(text: string, what: string, line: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${line}: ${what} "${text}" is not a whole number >= 1`);
  }
  return value;
}

function parseConfigs(text: string, line: string): Record<string, string> {
  const configs: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [key, value, ...rest] = pair.split('=');
    if (key === undefined || key === '' || value === undefined || value === '' || rest.length > 0) {
      throw new Error(`${line}: config "${pair}" is not name=value`);
    }
    configs[key] = value;
  }
  return configs;
}

/** `source` names the file in error messages, e.g. a team's own catalog given as TOPIC_CATALOG. */
export function parseTopicCatalog(text: string, source: string = TOPIC_CATALOG_FILE): CatalogTopic[] {
  const topics: CatalogTopic[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = `${source}:${index + 1}`;
    const content = raw.replace(/#.*/, '').trim();
    if (content === '') return;
    const [name, event, partitions, replicationFactor, configs, ...extra] = content.split(/\s+/);
    if (
      name === undefined ||
      event === undefined ||
      partitions === undefined ||
      replicationFactor === undefined ||
      configs === undefined ||
      extra.length > 0
    ) {
      throw new Error(`${line}: expected 5 columns (topic event partitions replication-factor configs)`);
    }
    topics.push({
      name,
      event,
      partitions: positiveInt(partitions, 'partitions', line),
      replicationFactor: positiveInt(replicationFactor, 'replication-factor', line),
      configs: parseConfigs(configs, line),
    });
  });
  return topics;
}

/** The catalog as the file says now (read on each call, so a spec sees an edited catalog). */
export function loadTopicCatalog(file: string = TOPIC_CATALOG_FILE): CatalogTopic[] {
  return parseTopicCatalog(readFileSync(file, 'utf8'), file);
}

export function catalogTopic(name: string, catalog: CatalogTopic[] = loadTopicCatalog()): CatalogTopic {
  const topic = catalog.find((t) => t.name === name);
  if (topic === undefined) throw new Error(`topic ${name} is not in ${TOPIC_CATALOG_FILE}`);
  return topic;
}
