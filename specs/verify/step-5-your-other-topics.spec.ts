import { describe, it } from 'vitest';
import { topicRoles } from '#support/reporting/index.js';
import { clusterFindings, expectAsTheMilestoneSays, verifyRun } from '#support/verify/index.js';

// Step 5 on your cluster: the other topics exist as the catalog says, and each has exactly the
// topic-level configs of the first topic, compared config by config.
const { target, state } = verifyRun();
const { first, others } = topicRoles(target.catalog);
const findings = clusterFindings(target, state);

describe(`Your cluster, step 5: the other topics are configured like ${first.name}`, () => {
  it.each(others.map((t) => [t.name, t] as const))(
    `%s: exists as the catalog says, with ${first.name}'s topic-level configs`,
    (name) => {
      expectAsTheMilestoneSays(findings, '5', name);
    },
  );
});
