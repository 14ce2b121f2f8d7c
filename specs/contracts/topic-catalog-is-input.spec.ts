/**
 * A topic catalog (TOPIC_CATALOG) is input, checked line by line before any broker sees it: every
 * config a name Kafka knows, every value of its type, no topic or config twice. And a catalog that
 * differs from the milestone is said to: verify checks the cluster against the milestone anyway.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  catalogDifferences,
  parseTopicCatalog,
  pinnedToMilestone,
  RETENTION_MS,
  THREE_DAYS_MS,
  TOPIC_CATALOG_FILE,
  TOPIC_CONFIG_TYPES,
  CONFIRMED_ORDERS_TOPIC,
  loadBeyondMilestoneTopics,
  loadTopicCatalog,
  parseBeyondMilestoneTopics,
} from '#support/topics/index.js';
import { repoPath } from '#support/repository/index.js';

const FILE = 'team-catalog.txt';
const CATALOG = readFileSync(TOPIC_CATALOG_FILE, 'utf8');
const lines = CATALOG.split('\n');
/** The catalog line of `topic`, 1-based, as an editor shows it. */
const lineOf = (topic: string): number => lines.findIndex((l) => l.startsWith(`${topic} `)) + 1;

/** The catalog with `topic`'s line changed by `edit`. */
function edited(topic: string, edit: (line: string) => string): string {
  return lines.map((l, i) => (i + 1 === lineOf(topic) ? edit(l) : l)).join('\n');
}

describe('the topic catalog is input: each line is checked before any broker call', () => {
  it('the repository catalog parses, and matches the milestone', () => {
    const catalog = parseTopicCatalog(CATALOG, FILE);
    expect(catalog.map((t) => t.name)).toHaveLength(5);
    expect(catalogDifferences(catalog), 'scripts/topic-catalog.txt: differences from the milestone').toEqual([]);
  });

  it.each([
    [
      'a config name Kafka does not know (retension.ms)',
      edited('OrderConfirmed', (l) => l.replace('retention.ms', 'retension.ms')),
      `unknown topic config retension.ms on line ${lineOf('OrderConfirmed')} of ${FILE}`,
    ],
    [
      'a value that is not a number (2592OOOOO, letters O for zeros)',
      edited('Notification', (l) => l.replace('259200000', '2592OOOOO')),
      `topic config retention.ms=2592OOOOO on line ${lineOf('Notification')} of ${FILE}: "2592OOOOO" is not a whole number`,
    ],
    [
      'a cleanup.policy Kafka does not have',
      edited('OrderReceived', (l) => l.replace('cleanup.policy=delete', 'cleanup.policy=remove')),
      `topic config cleanup.policy=remove on line ${lineOf('OrderReceived')} of ${FILE}: "remove" is not a list of delete, compact`,
    ],
    [
      'a config set twice on one line',
      edited('DeadLetterQueue', (l) => `${l},retention.ms=259200000`),
      `topic config retention.ms is set twice on line ${lineOf('DeadLetterQueue')} of ${FILE}`,
    ],
    [
      'a topic listed twice',
      `${CATALOG}\n${lines[lineOf('OrderReceived') - 1] ?? ''}\n`,
      `topic OrderReceived is listed twice, on line ${lineOf('OrderReceived')} and line ${lines.length + 1} of ${FILE}`,
    ],
  ])('%s: one message naming the config, the line and the file', (_what, text, message) => {
    expect(() => parseTopicCatalog(text, FILE), `parsing a catalog with ${_what}`).toThrow(new Error(message));
  });
});

describe("a catalog that differs from the milestone's pins is said to differ, and the milestone's retention is checked", () => {
  it('a 3-hour DeadLetterQueue: named as a difference; the milestone still asks 3 days of it', () => {
    const catalog = parseTopicCatalog(
      edited('DeadLetterQueue', (l) => l.replace('retention.ms=259200000', 'retention.ms=10800000')),
      FILE,
    );
    expect(catalogDifferences(catalog)).toEqual([
      "DeadLetterQueue retention.ms is 10800000 (3 hours), the milestone's is 259200000 (3 days)",
    ]);
    const dlq = pinnedToMilestone(catalog).find((t) => t.name === 'DeadLetterQueue');
    expect(dlq?.configs[RETENTION_MS], 'the retention verify checks DeadLetterQueue against').toBe(
      String(THREE_DAYS_MS),
    );
  });

  it('a replication factor of 3 on every topic is no difference', () => {
    const catalog = parseTopicCatalog(CATALOG.replace(/^(\S+\s+\S+\s+\d+\s+)1(\s)/gm, '$13$2'), FILE);
    expect(catalog.every((t) => t.replicationFactor === 3)).toBe(true);
    expect(catalogDifferences(catalog)).toEqual([]);
  });

  it('a missing topic, an extra topic and one configured unlike OrderReceived are each named', () => {
    const withoutNotification = lines.filter((_, i) => i + 1 !== lineOf('Notification')).join('\n');
    const catalog = parseTopicCatalog(
      `${withoutNotification.replace(/^(OrderConfirmed\s+\S+\s+)3/m, '$11')}\nAudit audit 3 1 retention.ms=259200000\n`,
      FILE,
    );
    expect(catalogDifferences(catalog)).toEqual([
      'it lacks Notification',
      'it adds Audit',
      'OrderConfirmed, Audit not configured like OrderReceived (one configuration for all five)',
    ]);
  });
});

describe('create_topics.sh checks a catalog with the same list of topic configs', () => {
  it('its CONFIG_TYPES names exactly the configs of support/topics/topic-config-names.ts', () => {
    const script = readFileSync(repoPath('scripts', 'shell', 'create_topics.sh'), 'utf8');
    const block = /declare -A CONFIG_TYPES=\(\n([\s\S]*?)\n\)/.exec(script)?.[1] ?? '';
    const names = [...block.matchAll(/\[([a-z0-9.]+)\]=/g)].map((m) => m[1]);
    expect(names.sort(), 'create_topics.sh CONFIG_TYPES').toEqual(Object.keys(TOPIC_CONFIG_TYPES).sort());
  });
});

describe('the catalog beyond the milestone: lines marked #+ (step 9)', () => {
  it("holds the confirm consumer's state topic, compacted, with no retention.ms; the milestone's readers skip it", () => {
    const beyond = loadBeyondMilestoneTopics();
    expect(
      beyond.map((t) => t.name),
      'scripts/topic-catalog.txt: the topics marked #+',
    ).toEqual([CONFIRMED_ORDERS_TOPIC.name]);
    expect(CONFIRMED_ORDERS_TOPIC.configs, 'scripts/topic-catalog.txt: ConfirmedOrders configs').toEqual({
      'cleanup.policy': 'compact',
      'min.insync.replicas': '1',
    });
    expect(
      loadTopicCatalog().map((t) => t.name),
      "the milestone's topics (what create_topics.sh, docker-compose and verify read)",
    ).not.toContain(CONFIRMED_ORDERS_TOPIC.name);
  });

  it('a marked line is checked as any catalog line, with its line number', () => {
    expect(() =>
      parseBeyondMilestoneTopics('# a comment\n#+ ConfirmedOrders x 3 1 cleanup.policy=compacted\n'),
    ).toThrow(
      /^topic config cleanup\.policy=compacted on line 2 of \S*scripts\/topic-catalog\.txt: "compacted" is not/,
    );
  });
});
