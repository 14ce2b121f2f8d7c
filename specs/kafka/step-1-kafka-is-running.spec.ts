// Step 1 teaches what answers on the other end: a cluster of brokers (one here), one of which is the
// active controller, the broker that keeps the cluster's metadata (with KRaft, Kafka's own quorum,
// no ZooKeeper). `admin.describeCluster` asks any broker for that picture. A broker has configs of
// its own, read with `admin.describeConfigs` on a BROKER resource: auto.create.topics.enable=false
// makes a write to a misspelt topic fail instead of creating it with default settings.
import kafkajs from 'kafkajs';
import { describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { brokerOfThisRun } from '#support/run/index.js';

const { ConfigResourceTypes } = kafkajs;

const broker = brokerOfThisRun();
const version = broker.kafkaVersion === undefined ? 'an external cluster' : `Apache Kafka ${broker.kafkaVersion}`;

describe(`Step 1: a Kafka broker is running (${broker.runtime} runtime, ${version})`, { timeout: 60_000 }, () => {
  it('answers an admin client with its cluster id, its brokers and an active controller', async ({ admin }) => {
    const cluster = await admin.describeCluster();

    expect(cluster.clusterId).not.toBe('');
    expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);
    expect(cluster.controller).not.toBeNull();
    if (broker.clusterId !== undefined) {
      // The run formatted this cluster itself: we must be talking to that one, not another on the port.
      expect(cluster.clusterId).toBe(broker.clusterId);
    }
  });

  it('refuses to create topics implicitly, so a misspelt topic name fails loudly', async ({ admin, skip }) => {
    const { brokers } = await admin.describeCluster();
    const resources = brokers.map((b) => ({ type: ConfigResourceTypes.BROKER, name: String(b.nodeId) }));
    // An external cluster may not let this run read its broker configs; the suite's own brokers always do.
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources }).catch((error: unknown) => {
      if (broker.runtime !== 'external') throw error;
      return skip(
        `step 1: this external cluster does not show its broker configs to this run (${error instanceof Error ? error.message : String(error)})`,
      );
    });
    const autoCreate = configs.resources[0]?.configEntries.find((e) => e.configName === 'auto.create.topics.enable');
    if (broker.runtime === 'external' && autoCreate?.configValue !== 'false') {
      // Not asserted: an external cluster's auto-creation policy belongs to its owners.
      skip(
        `step 1: this external cluster has auto.create.topics.enable=${autoCreate?.configValue ?? '(not shown)'}, its owners' choice; the suite's own brokers prove it off`,
      );
    }
    expect(autoCreate?.configValue, "step 1: auto.create.topics.enable of the run's broker").toBe('false');
  });
});
