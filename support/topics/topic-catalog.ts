import { readFileSync } from 'node:fs';
import { repoPath } from '../repository/repo-root.js';
import { TOPIC_CONFIG_TYPES, topicConfigValueProblem } from './topic-config-names.js';

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

/** Where a catalog line is, for messages: the `file:N` prefix of the format errors, and `line N of file`. */
interface LineAt {
  /** e.g. "scripts/topic-catalog.txt:2". */
  line: string;
  /** e.g. "line 2 of scripts/topic-catalog.txt". */
  onLine: string;
}

/** name=value pairs, each name one Kafka knows, each value of its type, no name twice. */
function parseConfigs(text: string, at: LineAt): Record<string, string> {
  const configs: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [key, value, ...rest] = pair.split('=');
    if (key === undefined || key === '' || value === undefined || value === '' || rest.length > 0) {
      throw new Error(`${at.line}: config "${pair}" is not name=value`);
    }
    if (TOPIC_CONFIG_TYPES[key] === undefined) throw new Error(`unknown topic config ${key} on ${at.onLine}`);
    const problem = topicConfigValueProblem(key, value);
    if (problem !== undefined) throw new Error(`topic config ${key}=${value} on ${at.onLine}: ${problem}`);
    if (key in configs) throw new Error(`topic config ${key} is set twice on ${at.onLine}`);
    configs[key] = value;
  }
  return configs;
}

/** `source` names the file in error messages, e.g. a team's own catalog given as TOPIC_CATALOG. */
export function parseTopicCatalog(text: string, source: string = TOPIC_CATALOG_FILE): CatalogTopic[] {
  const topics: CatalogTopic[] = [];
  const lineOf = new Map<string, number>();
  text.split('\n').forEach((raw, index) => {
    const line = `${source}:${index + 1}`;
    const onLine = `line ${index + 1} of ${source}`;
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
    const earlier = lineOf.get(name);
    if (earlier !== undefined) throw new Error(`topic ${name} is listed twice, on line ${earlier} and ${onLine}`);
    lineOf.set(name, index + 1);
    topics.push({
      name,
      event,
      partitions: positiveInt(partitions, 'partitions', line),
      replicationFactor: positiveInt(replicationFactor, 'replication-factor', line),
      configs: parseConfigs(configs, { line, onLine }),
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

/**
 * The catalog's topics beyond the milestone: lines marked `#+`. Every reader of the milestone's
 * topics (create_topics.sh, docker-compose, npm run verify, the steps) takes them for comments; the
 * steps beyond it (the confirm consumer's state topic) read them here, with the same columns and checks.
 */
export const BEYOND_MILESTONE_MARK = '#+';

export function parseBeyondMilestoneTopics(text: string, source: string = TOPIC_CATALOG_FILE): CatalogTopic[] {
  // Each marked line without its mark, every other line blank: line numbers stay the file's.
  const marked = text
    .split('\n')
    .map((line) => (line.startsWith(BEYOND_MILESTONE_MARK) ? line.slice(BEYOND_MILESTONE_MARK.length) : ''))
    .join('\n');
  return parseTopicCatalog(marked, source);
}

export function loadBeyondMilestoneTopics(file: string = TOPIC_CATALOG_FILE): CatalogTopic[] {
  return parseBeyondMilestoneTopics(readFileSync(file, 'utf8'), file);
}
