// Step 4 teaches changing a topic's config, and where a config's value comes from.
// - `admin.alterConfigs` changes the configs of a resource: a topic here (ConfigResourceTypes.TOPIC).
//   kafkajs 2.2.4 sends Kafka's legacy AlterConfigs request, which REPLACES the topic's whole config
//   set: a config left out reverts to the broker's default (step-4-why-… shows it happen). So step 4
//   reads the topic's own configs first and sends them all, with the new retention. (Kafka's
//   `kafka-configs --alter` uses IncrementalAlterConfigs, which kafkajs lacks.)
// - `admin.describeConfigs` gives each config's value and its `configSource`: TOPIC_CONFIG when the
//   topic sets it itself, DEFAULT_CONFIG (or a broker config) when the topic inherits it.
// - The broker applies a change a moment after alterConfigs returns: read it back with a deadline.
// retention.ms = 259200000 is three days (a common mistake is 10800000, three hours). THREE_DAYS_MS is
// written out rather than read from the catalog, so a wrong catalog value fails this step.
import kafkajs from 'kafkajs';
import { describe, expect, vi } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { readTopicConfig, topicLevelConfigs } from '@kafka-event-spec/events';
import {
  asCreatedInStep3,
  catalogRetention,
  expectRetention,
  expectSetOnTopic,
  expectTopicLevelConfigs,
  prefixedTopic,
  RETENTION_MS,
  THREE_DAYS_MS,
  topicPrefix,
} from '#support/topics/index.js';

const { ConfigResourceTypes, ConfigSource } = kafkajs;

// The topic the reading tests look at: created as step 3 left it and raised as step 4 does, once,
// before them (the first test shows the step's calls, on a topic of its own).
const orderReceived = prefixedTopic(topicPrefix('step-4'), 'OrderReceived');
const at = { step: 'step 4', topic: orderReceived.name };
const APPLY_TIMEOUT_MS = 30_000;

describe("Step 4: raise OrderReceived's retention to three days (kafkajs admin API)", { timeout: 60_000 }, () => {
  it.beforeAll(async ({ ownTopics }) => {
    await ownTopics.createAsAfterStep4(orderReceived);
  });

  it("sets retention.ms to the catalog's value, sending the topic's other configs along (kafkajs alterConfigs replaces them all)", async ({
    admin,
    ownTopics,
  }) => {
    // Given the topic as step 3 created it: the catalog's configs, the broker's default retention.
    const asInStep3 = asCreatedInStep3(ownTopics.name('step-4-alter', 'OrderReceived'));
    await ownTopics.create([asInStep3]);
    const name = asInStep3.topic;
    const retention = catalogRetention(orderReceived);

    // 1. The configs the topic sets itself (configSource TOPIC_CONFIG), which alterConfigs must send again.
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name }],
    });
    const ownConfigs = (resources[0]?.configEntries ?? [])
      .filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG && entry.configName !== RETENTION_MS)
      .map((entry) => ({ name: entry.configName, value: entry.configValue }));

    // 2. All of them, and the new retention.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name,
          configEntries: [...ownConfigs, { name: RETENTION_MS, value: retention }],
        },
      ],
    });

    // 3. Read back once the broker has applied it.
    await vi.waitFor(
      async () => {
        const now = await readTopicConfig(admin, name, RETENTION_MS);
        expect(
          now.value,
          `step 4: OrderReceived should show the retention.ms alterConfigs sent (${retention}) within ${APPLY_TIMEOUT_MS / 1000} s`,
        ).toBe(retention);
      },
      { timeout: APPLY_TIMEOUT_MS, interval: 200 },
    );
    expectRetention(at, (await readTopicConfig(admin, name, RETENTION_MS)).value, THREE_DAYS_MS);
    expectTopicLevelConfigs(at, await topicLevelConfigs(admin, name), orderReceived.configs);
  });

  it('describeConfigs reports retention.ms = 259200000 (3 days)', async ({ admin }) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: orderReceived.topic, configNames: [RETENTION_MS] }],
    });

    const retention = resources[0]?.configEntries.find((entry) => entry.configName === RETENTION_MS);
    expectRetention(at, retention?.configValue, THREE_DAYS_MS);
  });

  it("the retention is set on the topic itself (source TOPIC_CONFIG), not inherited from the broker's default", async ({
    admin,
  }) => {
    expectSetOnTopic(at, await readTopicConfig(admin, orderReceived.topic, RETENTION_MS));
  });

  it("the topic's other configs survive the change: its topic-level configs are exactly the catalog's", async ({
    admin,
  }) => {
    expectTopicLevelConfigs(at, await topicLevelConfigs(admin, orderReceived.topic), orderReceived.configs);
  });
});
