// Step 7 by hand needs a consumer to run: `npm run consume` (support/cli/consume.ts) is the order
// pipeline's, the repository's EventConsumer on every catalog topic but the error topic, in the
// foreground. It prints its group, then one line per record: `topic/partition/offset key=<key>`,
// then `handled <event type>` or `dead-lettered <REASON> error event <id>`. Ctrl-C lets it finish
// what it holds, commit, leave its group and print `handled N, dead-lettered M (NOT_JSON 1)`.
// A broker it cannot use is one line on stderr and exit 1: unreachable, not Kafka, missing topics.
// It runs here as a child, as a user starts it, against the run's broker and topics of its own
// (TOPIC_PREFIX), so its default group is `<prefix>order-pipeline`, no one else's.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Producer } from 'kafkajs';
import { describe, expect } from 'vitest';
import { freePort } from '#support/broker/jvm/index.js';
import { consumerLag, readAllRecords, topicExample, totalLag } from '#support/consumer-harness/index.js';
import type { BackgroundHand } from '#support/docs/index.js';
import { it } from '#support/fixtures/index.js';
import { orderReceivedType, rebuildFailedRecord, type ErrorEvent } from '@kafka-event-spec/events';
import {
  brokerOfThisRun,
  brokerSettings,
  CONSUME_COMMAND_SILENT,
  consumeScript,
  startConsume,
  uniqueName,
} from '#support/run/index.js';
import { topicRoles } from '#support/reporting/index.js';
import { processRunning, Walkthrough } from '#support/scripts/index.js';
import { loadTopicCatalog, topicPrefix, type PrefixedTopic } from '#support/topics/index.js';

const CTRL_C_WITHIN_MS = 15_000;
/** How long a loaded machine leaves the consumer unscheduled as Ctrl-C comes. */
const NOT_SCHEDULED_MS = 500;
const catalog = loadTopicCatalog();
const { first, deadLetter } = topicRoles(catalog);
const errorTopicName = deadLetter.name;
const sourceNames = catalog.filter((t) => t !== deadLetter).map((t) => t.name);
const POISON = 'this is not JSON';
// What `npm run consume` runs, started as npm starts it (npm would end by the Ctrl-C it is sent,
// whatever the script's exit status; the docs spec runs `npm run consume` itself).
const script = consumeScript();

/** Waits until `consume` has ended (it must, on its own), at most `ms`. */
async function ended(consume: BackgroundHand, ms: number): Promise<number> {
  const started = Date.now();
  await expect
    .poll(() => consume.running, {
      timeout: ms,
      interval: 100,
      message: `step 7: \`${consume.command}\` should exit within ${ms / 1000} s; it printed:\n${consume.output}`,
    })
    .toBe(false);
  return Date.now() - started;
}

/** The lines it wrote to stderr, without empty ones. */
function stderrLines(consume: BackgroundHand): string[] {
  return consume.stderr.split('\n').filter((line) => line.trim() !== '');
}

describe('step 7: npm run consume, the order pipeline consumer in the foreground', { timeout: 120_000 }, () => {
  describe("on the catalog's topics: a line per record, the error event in DeadLetterQueue, then Ctrl-C", () => {
    const broker = brokerOfThisRun();
    const prefix = topicPrefix('step-7-consume');
    const group = `${prefix}order-pipeline`;
    const consumes: BackgroundHand[] = [];
    let topics: readonly PrefixedTopic[] = [];
    const topic = (name: string): string => `${prefix}${name}`;
    const orderReceived = topic(first.name);

    const walk = new Walkthrough<{ producer: Producer }>();
    const started = walk.step('start', async () => {
      const consume = startConsume({ ...brokerSettings(broker), TOPIC_PREFIX: prefix }, script);
      consumes.push(consume);
      await consume.waitFor(
        `step 7: \`${script}\` should join group ${group}`,
        (out) => out.includes(`consume: joined group ${group}`),
        60_000,
      );
      return consume;
    });
    const records = walk.step('an order and a line that is not JSON', async ({ producer }) => {
      const consume = started.result();
      const example = topicExample(first);
      // The Kafka call of the step: what a shop's front end (and step 7's console producer) write.
      await producer.send({
        topic: orderReceived,
        messages: [{ key: example.key, value: example.value }, { value: POISON }],
      });
      try {
        await consume.waitFor(
          `step 7: \`${script}\` should print a line for each of the 2 records`,
          (out) => out.includes(' handled ') && out.includes(' dead-lettered '),
          60_000,
        );
      } catch {
        // Its tests show what it printed instead.
      }
      return { output: consume.output, key: example.key?.toString('utf8') ?? 'null' };
    });
    const ctrlC = walk.step('Ctrl-C', async () => {
      const consume = started.result();
      // Ctrl-C in its terminal: SIGINT to its process group; SIGKILL if it is still there after 15 s.
      const pressed = Date.now();
      await consume.stop('SIGINT', CTRL_C_WITHIN_MS);
      const stoppedInMs = Date.now() - pressed;
      return { stoppedInMs, exitCode: consume.exitCode, output: consume.output };
    });

    it.beforeAll(async ({ ownTopics, kafka }) => {
      topics = await ownTopics.create(catalog.map((entry) => ({ ...entry, topic: topic(entry.name) })));
      const producer = kafka.producer();
      await producer.connect();
      try {
        await walk.run({ producer });
      } finally {
        await producer.disconnect();
      }
    }, 180_000);

    it.afterAll(async () => {
      await Promise.all(consumes.map((c) => c.stop('SIGKILL')));
    });

    it('prints its group and the topics it reads, then joins the group with every partition of them', () => {
      const out = started.result().output;
      expect(out, `step 7: \`${script}\` names its group at start`).toContain(
        `consume: group ${group} (CONSUMER_GROUP to change it)`,
      );
      for (const name of sourceNames) {
        const entry = topics.find((t) => t.name === name);
        expect(out, `step 7: \`${script}\` joined with ${topic(name)}'s partitions`).toContain(
          `${topic(name)} ${[...Array(entry?.partitions ?? 0).keys()].join(',')}`,
        );
      }
      expect(out, `step 7: error events go to ${topic(errorTopicName)}`).toContain(
        `error events go to ${topic(errorTopicName)}`,
      );
    });

    it('prints "handled <event type>" for a valid order and "dead-lettered NOT_JSON error event <id>" for the line that is not JSON', () => {
      const { output: out, key } = records.result();
      expect(out, `step 7: \`${script}\`'s line for the valid order, keyed by its order id`).toMatch(
        new RegExp(
          `^${orderReceived.replaceAll('.', '\\.')}/\\d+/\\d+ key=${key} handled ${orderReceivedType.replaceAll('.', '\\.')}$`,
          'm',
        ),
      );
      expect(out, `step 7: \`${script}\`'s line for the line that is not JSON`).toMatch(
        new RegExp(
          `^${orderReceived.replaceAll('.', '\\.')}/\\d+/\\d+ key=null dead-lettered NOT_JSON error event \\S+$`,
          'm',
        ),
      );
    });

    it('puts the NOT_JSON error event it named into DeadLetterQueue, with the record as it came', async ({ kafka }) => {
      const { output: out } = records.result();
      const id = / dead-lettered NOT_JSON error event (\S+)$/m.exec(out)?.[1];
      const deadLetters = await readAllRecords(kafka, topic(errorTopicName), {
        groupId: uniqueName('step-7-consume-read'),
      });
      const events = deadLetters.map((r) => JSON.parse(r.value?.toString('utf8') ?? 'null') as ErrorEvent);
      expect(
        events.map((e) => ({ id: e.id, code: e.data.reason.code })),
        `step 7: ${topic(errorTopicName)} after \`${script}\` printed error event ${id ?? '(none)'}`,
      ).toEqual([{ id, code: 'NOT_JSON' }]);
      const [event] = events;
      expect(
        event === undefined ? undefined : rebuildFailedRecord(event).value?.toString('utf8'),
        'step 7: the failed record in the error event, byte for byte',
      ).toBe(POISON);
    });

    it('stops on Ctrl-C within 15 s with its summary, exit 0, every record committed and the group left', async ({
      admin,
    }) => {
      const { stoppedInMs, exitCode, output } = ctrlC.result();
      expect(exitCode, `step 7: \`${script}\`'s exit status after Ctrl-C; it printed:\n${output}`).toBe(0);
      expect(stoppedInMs, `step 7: ms from Ctrl-C to the end of \`${script}\``).toBeLessThan(CTRL_C_WITHIN_MS);
      expect(output, `step 7: \`${script}\`'s summary`).toContain(
        `consume: committed and left group ${group}: handled 1, dead-lettered 1 (NOT_JSON 1)`,
      );
      const lag = await consumerLag(admin, group, orderReceived);
      expect(
        totalLag(lag),
        `step 7: records of ${orderReceived} that group ${group} has not committed after Ctrl-C: ${JSON.stringify(lag, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
      ).toBe(0n);
      const [description] = (await admin.describeGroups([group])).groups;
      expect(description?.members.length, `step 7: members of group ${group} after Ctrl-C`).toBe(0);
    });
  });

  it('Ctrl-C while a loaded machine does not run it for a moment: it still commits, leaves its group and exits 0', async ({
    ownTopics,
    broker,
    onTestFinished,
  }) => {
    const prefix = topicPrefix('step-7-consume-busy');
    const group = `${prefix}order-pipeline`;
    await ownTopics.create(catalog.map((entry) => ({ ...entry, topic: `${prefix}${entry.name}` })));
    const consume = startConsume({ ...brokerSettings(broker), TOPIC_PREFIX: prefix }, script);
    onTestFinished(() => consume.stop('SIGKILL'));
    await consume.waitFor(
      `step 7: \`${script}\` should join group ${group}`,
      (out) => out.includes(`consume: joined group ${group}`),
      60_000,
    );
    // What a loaded machine does to a process: it is not scheduled for a while. The process that
    // runs consume.ts is stopped as Ctrl-C is pressed and continued 0.5 s later, so its SIGINT
    // handler runs late. A launcher that gives up on it sooner (tsx's CLI SIGKILLs a child that has
    // not acknowledged a signal within 60 ms) would end it without a commit.
    const { pid } = await processRunning(consume.processGroup, join('support', 'cli', 'consume.ts'));
    process.kill(pid, 'SIGSTOP');
    const pressed = Date.now();
    const stopped = consume.stop('SIGINT', CTRL_C_WITHIN_MS);
    await delay(NOT_SCHEDULED_MS);
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // Already ended while stopped (SIGKILL works on a stopped process): how it ended is checked below.
    }
    await stopped;
    const stoppedInMs = Date.now() - pressed;
    const output = consume.output;
    expect(
      consume.exitCode,
      `step 7: \`${script}\`'s exit status after Ctrl-C, not run for ${NOT_SCHEDULED_MS} ms; it printed:\n${output}`,
    ).toBe(0);
    expect(stoppedInMs, `step 7: ms from Ctrl-C to the end of \`${script}\``).toBeLessThan(CTRL_C_WITHIN_MS);
    expect(output, `step 7: \`${script}\`'s summary`).toContain(
      `consume: committed and left group ${group}: handled 0, dead-lettered 0`,
    );
  });

  it('a port where nothing listens: one line, "unreachable", exit 1 within 10 s', async ({ onTestFinished }) => {
    const address = `localhost:${await freePort()}`;
    const consume = startConsume({ KAFKA_BROKERS: address }, CONSUME_COMMAND_SILENT);
    onTestFinished(() => consume.stop('SIGKILL'));
    const tookMs = await ended(consume, 10_000);
    expect(consume.exitCode, `step 7: \`${consume.command}\` at ${address}; it printed:\n${consume.output}`).toBe(1);
    expect(stderrLines(consume), `step 7: what \`${consume.command}\` said on stderr (${tookMs} ms)`).toEqual([
      expect.stringMatching(new RegExp(`^consume: ${address} is unreachable \\(ECONNREFUSED`)),
    ]);
  });

  it('a port where an HTTP server answers: one line, "not Kafka", exit 1 within 5 s', async ({ onTestFinished }) => {
    const server = createServer((_request, response) => response.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => {
      server.close();
      server.closeAllConnections();
    });
    const { port } = server.address() as { port: number };
    const address = `localhost:${port}`;
    const consume = startConsume({ KAFKA_BROKERS: address }, CONSUME_COMMAND_SILENT);
    onTestFinished(() => consume.stop('SIGKILL'));
    const tookMs = await ended(consume, 5_000);
    expect(consume.exitCode, `step 7: \`${consume.command}\` at ${address}; it printed:\n${consume.output}`).toBe(1);
    expect(stderrLines(consume), `step 7: what \`${consume.command}\` said on stderr (${tookMs} ms)`).toEqual([
      `consume: ${address} is not Kafka: to a Kafka ApiVersions request it answered "HTTP/1.1 400 Bad Request"`,
    ]);
  });

  it('no error topic: one line naming it, with the create_topics.sh hint, exit 1', async ({
    ownTopics,
    broker,
    onTestFinished,
  }) => {
    const prefix = topicPrefix('step-7-consume-no-error-topic');
    await ownTopics.create(
      catalog.filter((t) => t.name !== errorTopicName).map((entry) => ({ ...entry, topic: `${prefix}${entry.name}` })),
    );
    const consume = startConsume({ ...brokerSettings(broker), TOPIC_PREFIX: prefix }, CONSUME_COMMAND_SILENT);
    onTestFinished(() => consume.stop('SIGKILL'));
    await ended(consume, 30_000);
    expect(consume.exitCode, `step 7: \`${consume.command}\` without ${prefix}${errorTopicName}`).toBe(1);
    expect(stderrLines(consume), `step 7: what \`${consume.command}\` said on stderr`).toEqual([
      `consume: the error topic ${prefix}${errorTopicName} does not exist on ${broker.brokers.join(',')}: create the catalog's topics with KAFKA_HOME=<your Kafka> BOOTSTRAP_SERVER=${broker.brokers.join(',')} TOPIC_PREFIX=${prefix} scripts/shell/create_topics.sh (or step 5's commands in docs/learn-kafka.md).`,
    ]);
  });

  it('no event topics: one line naming each missing one, with the create_topics.sh hint, exit 1', async ({
    ownTopics,
    broker,
    onTestFinished,
  }) => {
    const prefix = topicPrefix('step-7-consume-no-event-topics');
    await ownTopics.create(
      catalog.filter((t) => t.name === errorTopicName).map((entry) => ({ ...entry, topic: `${prefix}${entry.name}` })),
    );
    const consume = startConsume({ ...brokerSettings(broker), TOPIC_PREFIX: prefix }, CONSUME_COMMAND_SILENT);
    onTestFinished(() => consume.stop('SIGKILL'));
    await ended(consume, 30_000);
    expect(consume.exitCode, `step 7: \`${consume.command}\` without the event topics`).toBe(1);
    expect(stderrLines(consume), `step 7: what \`${consume.command}\` said on stderr`).toEqual([
      expect.stringMatching(
        new RegExp(
          `^consume: the event topics ${sourceNames.map((n) => `${prefix}${n}`.replaceAll('.', '\\.')).join(', ')} do not exist on .*scripts/shell/create_topics\\.sh`,
        ),
      ),
    ]);
  });
});
