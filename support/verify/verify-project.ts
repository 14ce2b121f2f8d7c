/**
 * When the "verify" vitest project runs: `npm test` with KAFKA_BROKERS set (beside the suite's own
 * proof), KAFKA_READ_ONLY=true (only it: for a cluster where the run's principal may not create
 * topics), or `--project verify`. `npm run verify` runs the same checks without vitest
 * (support/cli/verify.ts).
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

export function verifyMode(env: Env = process.env, argv: readonly string[] = process.argv): VerifyMode {
  const only = isTrue(env.KAFKA_READ_ONLY);
  const requested = argv.some(
    (arg, i) => arg === `--project=${PROJECT.verify}` || (arg === '--project' && argv[i + 1] === PROJECT.verify),
  );
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
