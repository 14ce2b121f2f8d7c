import { describe, it } from 'vitest';
import { humanDuration, topicRoles } from '#support/reporting/index.js';
import { RETENTION_MS } from '#support/topics/index.js';
import { clusterFindings, expectAsTheMilestoneSays, verifyRun } from '#support/verify/index.js';

// Step 4 on your cluster: the retention is set on the topic itself; the same value inherited from
// the broker's default does not count, since it changes when the broker's does.
const { target, state } = verifyRun();
const { first } = topicRoles(target.catalog);
const findings = clusterFindings(target, state);
const retention = first.configs[RETENTION_MS];

describe(`Your cluster, step 4: ${target.prefix}${first.name}'s retention`, () => {
  it.skipIf(retention === undefined)(
    `${first.name}: ${RETENTION_MS}=${retention ?? '(none in the catalog)'} (${humanDuration(Number(retention))}), set on the topic`,
    () => {
      expectAsTheMilestoneSays(findings, '4', first.name);
    },
  );
});
