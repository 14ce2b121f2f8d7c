/**
 * `npm run verify` (and `npm test`) as a user runs it, for the specs that prove it: a child process
 * with the environment a user would set, and its reports sent to a temporary directory so they do
 * not replace those of the run that spawned it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../lib/repo-root.js';

const VERIFY_TIMEOUT_MS = 120_000;

/** Variables of the parent run that would change what the child checks: the child gets only what a case sets. */
const INHERITED_SETTINGS = /^(KAFKA_|TOPIC_|VERIFY_|VITEST|npm_)/;

export interface VerifyEnv {
  KAFKA_RUNTIME?: string;
  KAFKA_BROKERS?: string;
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  TOPIC_PREFIX?: string;
  TOPIC_CATALOG?: string;
  VERIFY_PUBLISH?: string;
}

export interface VerifyRunResult {
  exitCode: number;
  /** stdout and stderr together, without colours: what the user reads. */
  output: string;
}

export function runVerifyCommand(env: VerifyEnv): Promise<VerifyRunResult> {
  return runNpmScript('verify', env);
}

/** `npm run <script> -- <args>` (verify, test) in the repository, with only `env`'s settings of this project. */
export function runNpmScript(script: 'verify' | 'test', env: VerifyEnv, args: readonly string[] = []): Promise<VerifyRunResult> {
  const reports = mkdtempSync(join(tmpdir(), 'kafka-event-spec-verify-reports-'));
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!INHERITED_SETTINGS.test(name)) childEnv[name] = value;
  Object.assign(childEnv, env, { KAFKA_REPORTS_DIR: reports, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' });
  return new Promise((resolve, reject) => {
    execFile('npm', ['run', '-s', script, ...(args.length === 0 ? [] : ['--', ...args])], { cwd: REPO_ROOT, env: childEnv, timeout: VERIFY_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      rmSync(reports, { recursive: true, force: true });
      // eslint-disable-next-line no-control-regex
      const output = `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
      if (error !== null && typeof error.code !== 'number') {
        reject(new Error(`npm run ${script} did not finish within ${VERIFY_TIMEOUT_MS / 1000} s: ${error.message}\n${output}`));
        return;
      }
      resolve({ exitCode: error === null ? 0 : Number(error.code), output });
    });
  });
}

/** The lines of the output that start with `verify:`: a bad input is exactly one. */
export function verifyErrorLines(run: VerifyRunResult): string[] {
  return run.output.split('\n').map((line) => line.replace(/^Error: /, '')).filter((line) => line.startsWith('verify: ') && !line.startsWith('verify: read-only check'));
}

/** For an assertion's message: the exit status and everything the run printed. */
export function shownRun(run: VerifyRunResult | undefined): string {
  return run === undefined ? 'verify did not run' : `npm run verify exited ${run.exitCode}:\n${run.output}`;
}

/** `npm run verify` passed: exit status 0 and the line saying every step of the user's cluster passes. */
export function expectClusterMatches(run: VerifyRunResult | undefined): void {
  expect(run?.exitCode, shownRun(run)).toBe(0);
  expect(run?.output, shownRun(run)).toContain('your cluster matches the milestone: steps 2, 3, 4, 5 pass');
}
