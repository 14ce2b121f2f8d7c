// Step 9 by hand, beyond the milestone: `npm run consume -- --confirm` runs ConfirmConsumer in the
// foreground (support/cli/consume-confirm.ts). A learner produces the same order twice, as a
// customer's double submit, and a line that is not JSON; the consumer prints a line per record
// (confirmed / double submit / dead-lettered) and one per committed transaction; Ctrl-C ends it with
// a summary. A kafka-console-consumer with --isolation-level read_committed then shows one
// OrderConfirmed. It runs here as a child, as a user starts it, on topics of its own (TOPIC_PREFIX).
import { randomUUID } from 'node:crypto';
import { describe, expect, onTestFinished } from 'vitest';
import { consumerLag, readAllRecords, topicGone, totalLag } from '#support/consumer-harness/index.js';
import type { BackgroundHand } from '#support/docs/index.js';
import { it } from '#support/fixtures/index.js';
import { brokerSettings, consumeScript, startConsume, uniqueName } from '#support/run/index.js';
import { createConfirmTopics, prefixed } from '#support/topics/index.js';

const CTRL_C_WITHIN_MS = 15_000;

/** `npm run consume -- --confirm` started as a user starts it, on topics under `prefix`, once it has joined its group. */
async function startedConfirm(
  broker: Parameters<typeof brokerSettings>[0],
  prefix: string,
): Promise<{ consume: BackgroundHand; command: string; group: string }> {
  const command = `${consumeScript()} --confirm`;
  const consume = startConsume({ ...brokerSettings(broker), TOPIC_PREFIX: prefix }, command);
  onTestFinished(() => consume.stop('SIGKILL', 0));
  // A group of its own: the confirm consumer is another application than step 7's order pipeline.
  const group = `${prefix}order-confirm`;
  await consume.waitFor(
    `step 9: \`${command}\` should join group ${group}`,
    (out) => out.includes(`consume: joined group ${group}`),
    60_000,
  );
  return { consume, command, group };
}

describe('step 9: npm run consume -- --confirm, the confirm consumer in the foreground', { timeout: 120_000 }, () => {
  it('the same order twice and a line that is not JSON: confirmed, double submit, dead-lettered; one OrderConfirmed', async ({
    broker,
    kafka,
    ownTopics,
    deadLetterBench,
  }) => {
    const topics = await createConfirmTopics(ownTopics, 'step-9-consume');
    const { consume, command, group } = await startedConfirm(broker, topics.prefix);

    const orderId = randomUUID();
    const first = deadLetterBench.validOrder(orderId);
    const again = deadLetterBench.validOrder(orderId);
    await deadLetterBench.write(topics.orderReceived, [first, again, { key: orderId, value: 'this is not JSON' }]);
    // Each record's line comes as its transaction is built; the committed line says when the 3 count.
    await consume.waitFor(
      `step 9: \`${command}\` should commit its transactions up to offset 3 of ${topics.orderReceived}`,
      (out) => /OrderReceived\/\d+ up to offset 3 /.test(out),
      60_000,
    );
    const out = consume.output;
    expect(out, `step 9: \`${command}\`'s line for the first submit`).toMatch(
      new RegExp(`OrderReceived/\\d+/\\d+ key=${orderId} confirmed: OrderConfirmed [0-9a-f-]{36}`),
    );
    expect(out, `step 9: \`${command}\`'s line for the second submit`).toContain(
      `key=${orderId} double submit: already confirmed (from event ${first.id}), no second OrderConfirmed`,
    );
    expect(out, `step 9: \`${command}\`'s line for the record that is not JSON`).toMatch(
      new RegExp(`key=${orderId} dead-lettered NOT_JSON`),
    );

    await consume.stop('SIGINT', CTRL_C_WITHIN_MS);
    expect(consume.exitCode, `step 9: \`${command}\` after Ctrl-C exits with; it printed:\n${consume.output}`).toBe(0);
    expect(consume.output, `step 9: \`${command}\`'s summary after Ctrl-C`).toContain(
      `consume: committed and left group ${group}: confirmed 1, duplicates 1, dead-lettered 1`,
    );

    // What kafka-console-consumer --isolation-level read_committed shows: one OrderConfirmed.
    const confirmed = await readAllRecords(kafka, topics.orderConfirmed, { groupId: uniqueName('step-9-consume') });
    expect(
      confirmed.map((r) => r.key?.toString('utf8')),
      `step 9: the OrderConfirmed records in ${topics.orderConfirmed}, read read_committed`,
    ).toEqual([orderId]);
  });

  it("the error topic deleted while it runs: the poison record's transaction fails and is aborted, a line on stderr says so, nothing is committed past it; Ctrl-C still ends it", async ({
    admin,
    broker,
    ownTopics,
    deadLetterBench,
  }) => {
    const topics = await createConfirmTopics(ownTopics, 'step-9-consume-no-error-topic');
    const { consume, command, group } = await startedConfirm(broker, topics.prefix);

    // The Kafka call that breaks it: the error topic goes while the consumer runs.
    await admin.deleteTopics({ topics: [topics.deadLetter], timeout: 30_000 });
    await topicGone(admin, topics.deadLetter);
    await deadLetterBench.write(topics.orderReceived, [{ key: randomUUID(), value: 'this is not JSON' }]);
    const failed = `consume: the transaction of ${topics.orderReceived}/`;
    await consume.waitFor(
      `step 9: \`${command}\` should say on stderr that the transaction failed and was aborted`,
      () => consume.stderr.includes(failed),
      60_000,
    );
    expect(consume.stderr, `step 9: \`${command}\`'s line for the failed transaction`).toMatch(
      new RegExp(
        `^${failed.replaceAll('.', '\\.')}\\d+ failed and was aborted \\(.+\\); reading ${topics.orderReceived.replaceAll('.', '\\.')}/\\d+ again from its committed offset in \\d+\\.\\d s$`,
        'm',
      ),
    );

    await consume.waitFor(
      `step 9: \`${command}\` should say when its partition is ready again after the failed transaction`,
      (out) => out.slice(out.indexOf(failed)).includes('consume: ready again after the failed transaction: '),
      60_000,
    );

    await consume.stop('SIGINT', CTRL_C_WITHIN_MS);
    expect(consume.exitCode, `step 9: \`${command}\` after Ctrl-C exits with; it printed:\n${consume.output}`).toBe(0);
    expect(consume.output, `step 9: \`${command}\`'s summary after Ctrl-C`).toContain(
      `consume: committed and left group ${group}: confirmed 0, duplicates 0, dead-lettered 0`,
    );
    // Nothing lost: the record whose error event could not be written is still the group's to read.
    expect(
      totalLag(await consumerLag(admin, group, topics.orderReceived)),
      `step 9: records of ${topics.orderReceived} that group ${group} has not committed`,
    ).toBe(1n);
  });

  it('without the state topic: one line with the kafka-topics command that creates it, exit 1', async ({
    broker,
    ownTopics,
  }) => {
    const prefix = `${uniqueName('step-9-no-state')}.`;
    await ownTopics.create(prefixed(prefix)); // the catalog's five topics, no ConfirmedOrders
    const command = `${consumeScript()} --confirm`;
    const consume = startConsume({ ...brokerSettings(broker), TOPIC_PREFIX: prefix }, command);
    onTestFinished(() => consume.stop('SIGKILL', 0));
    await expect
      .poll(() => consume.running, { timeout: 60_000, message: `step 9: \`${command}\` should exit on its own` })
      .toBe(false);
    expect(consume.exitCode, `step 9: \`${command}\` exits with; it printed:\n${consume.output}`).toBe(1);
    const lines = consume.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines, `step 9: what \`${command}\` said on stderr`).toEqual([
      expect.stringMatching(
        new RegExp(
          `^consume: the confirm consumer's state topic ${prefix.replaceAll('.', '\\.')}ConfirmedOrders does not exist on .*: create it with kafka-topics\\.sh --bootstrap-server \\S+ --create --topic ${prefix.replaceAll('.', '\\.')}ConfirmedOrders --partitions 3 --replication-factor 1 --config cleanup\\.policy=compact --config min\\.insync\\.replicas=1$`,
        ),
      ),
    ]);
  });
});
