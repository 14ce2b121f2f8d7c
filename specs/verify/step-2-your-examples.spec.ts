import { describe, it } from 'vitest';
import { exampleFindings, expectAsTheMilestoneSays, verifyRun } from '#support/verify/index.js';

// Step 2 needs no broker: the example each of your catalog's topics carries is a valid event.
const { target } = verifyRun();
const findings = exampleFindings(target.catalog);

describe("Your cluster, step 2: the example of each topic's event validates against its schema", () => {
  it.each(target.catalog.map((t) => [t.name, t.event] as const))('%s: examples/%s.json is valid', (name) => {
    expectAsTheMilestoneSays(findings, '2', name);
  });
});
