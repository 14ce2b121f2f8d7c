import { describe, expect } from 'vitest';
import { useExternalBroker } from '#support/broker/external/index.js';
import { readBrokerSettings } from '#support/broker/index.js';
import { it } from '#support/fixtures/index.js';
import { uniqueName } from '#support/run/index.js';

// A run against someone else's cluster (KAFKA_RUNTIME=external) deletes what it created: its specs
// delete their topics, and the runtime deletes, at the end of the run, every consumer group whose id
// starts with the run's namespace. Proven here on the run's own broker, treated as external.
describe('External runtime: the consumer groups a run created are deleted when it ends', { timeout: 60_000 }, () => {
  let topic: string;
  const namespace = uniqueName('external-run');
  const ours = [`${namespace}.step-6.reader`, `${namespace}.step-7.consumer`];
  const someoneElses = uniqueName('someone-elses-group');

  it.beforeAll(async ({ admin, ownTopics }) => {
    const [created] = await ownTopics.createFromCatalog('external-groups', ['OrderReceived']);
    if (created === undefined) throw new Error('no topic was created');
    topic = created.topic;
    // A committed offset is enough to make a group exist, with no consumer left in it. (kafkajs'
    // setOffsets joins the group to commit: seconds each, so all at once.)
    await Promise.all(
      [...ours, someoneElses].map((groupId) =>
        admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] }),
      ),
    );
  });

  it.afterAll(async ({ admin }) => {
    await admin.deleteGroups([someoneElses]).catch(() => undefined);
  });

  it(`stop() deletes the groups starting with the run's namespace and leaves every other group`, async ({
    admin,
    broker,
  }) => {
    const listed = async () => (await admin.listGroups()).groups.map((g) => g.groupId);
    expect(await listed()).toEqual(expect.arrayContaining([...ours, someoneElses]));
    const settings = { ...readBrokerSettings({}), brokers: broker.brokers, tls: broker.tls, sasl: broker.sasl };
    const external = await useExternalBroker(settings, namespace);

    await external.stop();

    const after = await listed();
    for (const groupId of ours)
      expect(after, `group ${groupId} of the finished run is still on the cluster`).not.toContain(groupId);
    expect(after, 'a group of another run was deleted').toContain(someoneElses);
  });
});
