import { describeVerifyStep } from '#support/verify/index.js';

// Step 5 on your cluster: the other topics exist as the catalog says, each with the milestone's
// topic-level configs, compared config by config (and said "as on OrderReceived" where it agrees).
// The checks live in support/verify/verify-steps.ts: `npm run verify` runs the same ones without vitest.
describeVerifyStep('5');
