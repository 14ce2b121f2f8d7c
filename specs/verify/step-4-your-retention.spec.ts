import { describe, it } from 'vitest';
import { humanDuration } from '../../support/duration.js';
import { RETENTION_CONFIG } from '../../support/kafka-tools/kafka-cli-commands.js';
import { topicRoles } from '../../support/reporting/milestone-steps.js';
import { clusterFindings } from '../../support/verify/verify-checks.js';
import { expectAsTheMilestoneSays, verifyRun } from '../../support/verify/verify-expectations.js';

// Step 4 on your cluster: the retention is set on the topic itself; the same value inherited from
// the broker's default does not count, since it changes when the broker's does.
const { target, state } = verifyRun();
const { first } = topicRoles(target.catalog);
const findings = clusterFindings(target, state);
const retention = first.configs[RETENTION_CONFIG];

describe(`Your cluster, step 4: ${target.prefix}${first.name}'s retention`, () => {
  it.skipIf(retention === undefined)(
    `${first.name}: ${RETENTION_CONFIG}=${retention ?? '(none in the catalog)'} (${humanDuration(Number(retention))}), set on the topic`,
    () => {
      expectAsTheMilestoneSays(findings, '4', first.name);
    },
  );
});
