/**
 * Steps 3, 4, 5 and 7 without a broker: the topic catalog (scripts/topic-catalog.txt), which the
 * specs, the shell scripts and docker-compose all create topics from, and the AsyncAPI document hold
 * what the milestone asks for: its five topics, three days' retention on each, one configuration
 * for all five, and the error topic. Checked against values written out in
 * support/topics/milestone-pins.ts, not against the catalog itself, so a 3-hour retention or a
 * missing topic fails here, with its step, before any broker is involved.
 */
import { describe, expect, it } from 'vitest';
import { documentTopics, parseAsyncApiDocument } from '#support/asyncapi/index.js';
import {
  ERROR_TOPIC,
  expectRetention,
  expectSameSettings,
  FIRST_TOPIC,
  loadTopicCatalog,
  MILESTONE_TOPICS,
  stepCreating,
  stepSettingRetention,
  THREE_DAYS_MS,
  type TopicSettings,
} from '#support/topics/index.js';

const PARSE_TIMEOUT_MS = 60_000;

interface PinnedSource {
  /** The file, as the reader knows it. */
  file: string;
  /** Each topic's name and settings as the file states them. */
  read: () => Promise<{ name: string | undefined; settings: TopicSettings }[]>;
}

const sources: PinnedSource[] = [
  {
    file: 'scripts/topic-catalog.txt',
    read: () =>
      Promise.resolve(
        loadTopicCatalog().map(({ name, partitions, replicationFactor, configs }) => ({
          name,
          settings: { partitions, replicationFactor, configs },
        })),
      ),
  },
  {
    file: 'asyncapi/asyncapi.yaml',
    read: async () => {
      const { document } = await parseAsyncApiDocument();
      if (document === undefined)
        throw new Error('asyncapi/asyncapi.yaml does not parse (see asyncapi-document.spec.ts)');
      return documentTopics(document).map(({ name, partitions, replicationFactor, configs }) => ({
        name,
        // Shown as the file has them: a binding's partitions or replicas that is not a number differs from every number.
        settings: { partitions: partitions as number, replicationFactor: replicationFactor as number, configs },
      }));
    },
  },
];

describe.each(sources)('$file holds what the milestone asks for', ({ file, read }) => {
  let topics: { name: string | undefined; settings: TopicSettings }[] = [];

  it.beforeAll(async () => {
    topics = await read();
  }, PARSE_TIMEOUT_MS);

  const settingsOf = (step: string, name: string): TopicSettings => {
    const topic = topics.find((t) => t.name === name);
    expect(topic, `${step}: ${file} has no topic ${name}`).toBeDefined();
    return (topic as { settings: TopicSettings }).settings;
  };

  it(`the five topics of the milestone, and no other: ${MILESTONE_TOPICS.join(', ')}`, () => {
    const names = topics.map((t) => t.name ?? '(no name)');
    const missing = MILESTONE_TOPICS.filter((name) => !names.includes(name));
    const extra = names.filter((name) => !(MILESTONE_TOPICS as readonly string[]).includes(name));
    expect(
      missing.map((name) => `${stepCreating(name)}: ${file} has no topic ${name}`),
      `${file}: milestone topics missing`,
    ).toEqual([]);
    expect(extra, `steps 3 and 5: ${file} has topics the milestone does not ask for`).toEqual([]);
  });

  it.each(MILESTONE_TOPICS)('%s keeps its events three days: retention.ms=259200000', (name) => {
    const step = stepSettingRetention(name);
    expectRetention(
      { step, topic: `${name} in ${file}` },
      settingsOf(step, name).configs['retention.ms'],
      THREE_DAYS_MS,
    );
  });

  it.each(MILESTONE_TOPICS.filter((name) => name !== FIRST_TOPIC))(
    `%s is configured exactly like ${FIRST_TOPIC}: partitions, replicas, every topic-level config`,
    (name) => {
      expectSameSettings(
        `step 5 (${file})`,
        { label: FIRST_TOPIC, value: settingsOf('step 3', FIRST_TOPIC) },
        { label: name, value: settingsOf('step 5', name) },
      );
    },
  );

  it(`the error topic ${ERROR_TOPIC} is there for the dead-letter route`, () => {
    expect(
      topics.some((t) => t.name === ERROR_TOPIC),
      `step 7: ${file} has no error topic ${ERROR_TOPIC}, where the dead-letter route parks what it cannot process`,
    ).toBe(true);
  });
});
