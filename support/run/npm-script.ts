/**
 * One of this project's npm scripts (`npm test`, `npm run verify`) as a user runs it, for the specs
 * that prove what it prints: a child process with only the settings a case gives it, and its
 * reports sent to a temporary directory so they do not replace those of the run that spawned it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../repository/repo-root.js';
import { stripAnsi } from '../reporting/strip-ansi.js';

const NPM_SCRIPT_TIMEOUT_MS = 120_000;

/** Variables of the parent run that would change what the child does: the child gets only what a case sets. */
const INHERITED_SETTINGS = /^(KAFKA_|TOPIC_|VERIFY_|VITEST|npm_)/;

/** The project's settings a case gives the child (KAFKA_RUNTIME, KAFKA_BROKERS, TOPIC_PREFIX, ...). */
export type ProjectSettings = Readonly<Record<string, string | undefined>>;

export interface NpmScriptRun {
  /** As a user would type it, for messages: `npm run verify`, `npm test -- a-filter`. */
  command: string;
  exitCode: number;
  /** stdout and stderr together, without colours: what the user reads. */
  output: string;
}

/** `npm run <script> -- <args>` in the repository, with only `settings` of this project's variables. */
export function runNpmScript(
  script: 'verify' | 'test',
  settings: ProjectSettings,
  args: readonly string[] = [],
): Promise<NpmScriptRun> {
  const command = `${script === 'test' ? 'npm test' : `npm run ${script}`}${args.length === 0 ? '' : ` -- ${args.join(' ')}`}`;
  const reports = mkdtempSync(join(tmpdir(), `kafka-event-spec-${script}-reports-`));
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!INHERITED_SETTINGS.test(name)) childEnv[name] = value;
  Object.assign(childEnv, settings, { KAFKA_REPORTS_DIR: reports, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' });
  return new Promise((resolve, reject) => {
    const npmArgs = ['run', '-s', script, ...(args.length === 0 ? [] : ['--', ...args])];
    execFile(
      'npm',
      npmArgs,
      { cwd: REPO_ROOT, env: childEnv, timeout: NPM_SCRIPT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        rmSync(reports, { recursive: true, force: true });
        const output = stripAnsi(`${stdout}${stderr}`);
        if (error !== null && typeof error.code !== 'number') {
          reject(
            new Error(
              `${command} did not finish within ${NPM_SCRIPT_TIMEOUT_MS / 1000} s: ${error.message}\n${output}`,
            ),
          );
          return;
        }
        resolve({ command, exitCode: error === null ? 0 : Number(error.code), output });
      },
    );
  });
}

/** For an assertion's message: the command, its exit status and everything it printed. */
export function shownRun(run: NpmScriptRun | undefined): string {
  return run === undefined ? 'the command did not run' : `${run.command} exited ${run.exitCode}:\n${run.output}`;
}
