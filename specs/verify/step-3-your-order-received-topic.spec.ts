import { describeVerifyStep } from '#support/verify/index.js';

// Step 3 on your cluster: the first topic exists with the catalog's partitions, replication factor
// and configs; every partition has a leader and at least min.insync.replicas in-sync replicas.
// The checks live in support/verify/verify-steps.ts: `npm run verify` runs the same ones without vitest.
describeVerifyStep('3');
