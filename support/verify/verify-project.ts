/**
 * When the "verify" vitest project runs: `npm run verify` (just it), `npm test` with KAFKA_BROKERS
 * set (beside the suite's own proof), KAFKA_READ_ONLY=true (only it: for a cluster where the run's
 * principal may not create topics).
 */
import { PROJECT } from '../reporting/vitest-projects.js';

type Env = Record<string, string | undefined>;

const isTrue = (value: string | undefined): boolean => ['1', 'true', 'yes'].includes(value?.trim().toLowerCase() ?? '');

export interface VerifyMode {
  /** The verify project is part of this run. */
  verify: boolean;
  /** Only the verify project: nothing that writes to the cluster runs. */
  only: boolean;
}

export function verifyMode(env: Env = process.env): VerifyMode {
  const only = isTrue(env.KAFKA_READ_ONLY);
  const requested = env.npm_lifecycle_event === 'verify';
  const clusterGiven = (env.KAFKA_BROKERS?.trim() ?? '') !== '';
  return { verify: only || requested || clusterGiven, only };
}

export const VERIFY_PROJECT = {
  test: {
    name: PROJECT.verify,
    include: ['specs/verify/**/*.spec.ts'],
    globalSetup: ['support/verify/verify-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
};
