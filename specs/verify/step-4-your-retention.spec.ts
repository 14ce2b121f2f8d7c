import { describeVerifyStep } from '#support/verify/index.js';

// Step 4 on your cluster: the retention is set on the topic itself; the same value inherited from
// the broker's default does not count, since it changes when the broker's does.
// The checks live in support/verify/verify-steps.ts: `npm run verify` runs the same ones without vitest.
describeVerifyStep('4');
