import { describe, it } from 'vitest';
import { topicRoles } from '#support/reporting/index.js';
import { clusterFindings, expectAsTheMilestoneSays, verifyRun } from '#support/verify/index.js';

// Step 3 on your cluster: the first topic exists with the catalog's partitions, replication factor
// and configs; every partition has a leader and at least min.insync.replicas in-sync replicas.
const { target, state } = verifyRun();
const { first } = topicRoles(target.catalog);
const findings = clusterFindings(target, state);

describe(`Your cluster, step 3: ${target.prefix}${first.name} exists as the catalog says`, () => {
  it(`${first.name}: ${first.partitions} partitions, replication factor ${first.replicationFactor}, a leader and enough in-sync replicas per partition, the catalog's configs`, () => {
    expectAsTheMilestoneSays(findings, '3', first.name);
  });
});
