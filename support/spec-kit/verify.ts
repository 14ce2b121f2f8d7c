/**
 * What the verify specs import from support/ (and vitest, kafkajs' types), in one place, so that a
 * spec reads like its step with one import. Maintained by hand; a name appears once.
 */
export { describe, it } from 'vitest';
export { humanDuration } from '../duration.js';
export { RETENTION_MS } from '../topics/steps-3-and-4.js';
export { topicRoles } from '../reporting/milestone-steps.js';
export { clusterFindings } from '../verify/verify-checks.js';
export { expectAsTheMilestoneSays, verifyRun } from '../verify/verify-expectations.js';
