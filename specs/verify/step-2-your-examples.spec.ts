import { describeVerifyStep } from '#support/verify/index.js';

// Step 2 needs no broker: the example each of your catalog's topics carries is a valid event.
// The checks live in support/verify/verify-steps.ts: `npm run verify` runs the same ones without vitest.
describeVerifyStep('2');
