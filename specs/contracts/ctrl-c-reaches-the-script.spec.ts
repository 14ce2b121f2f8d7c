/**
 * `npm run consume`, `npm run kafka` and `npm run soak` run until Ctrl-C, then clean up: the consumer
 * commits and leaves its group, the broker stops and removes its data, the soak stops its run. Their
 * SIGINT handlers must run even when a loaded machine does not schedule them at once.
 *
 * tsx's CLI (`tsx file.ts`) cannot promise that: it runs the file in a child process, and on SIGINT it
 * waits 30 ms for the child to acknowledge the signal, relays it, waits 30 ms more, then SIGKILLs the
 * child. A consumer not scheduled for 60 ms was killed without its commit (exit 130, no summary: a CI
 * run of step 7 failed so). `node --import tsx file.ts` runs the file in the one process the signal
 * reaches. Each script's launcher is tried here on a file that only handles SIGINT, stopped (SIGSTOP)
 * as the signal comes and continued 0.5 s later. specs/kafka/step-7-consume-command.spec.ts does the
 * same to `npm run consume` itself, against a broker.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BackgroundHand } from '#support/docs/index.js';
import { REPO_ROOT } from '#support/repository/index.js';
import { processRunning } from '#support/scripts/index.js';

/** The scripts that run until Ctrl-C and clean up on it. */
const RUN_UNTIL_CTRL_C = ['consume', 'kafka', 'soak'];
/** How long a loaded machine leaves the process unscheduled as Ctrl-C comes. */
const NOT_SCHEDULED_MS = 500;

const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

/** What runs the script's file: `node --import tsx` of `node --import tsx support/cli/consume.ts`. */
function launcherOf(name: string): string {
  const script = scripts[name] ?? '';
  const match = /^(.*?)\s+support\/cli\/[\w-]+\.ts$/.exec(script);
  if (match?.[1] === undefined)
    throw new Error(`package.json's "${name}" script should be "<launcher> support/cli/<file>.ts"; it is "${script}"`);
  return match[1];
}

const HANDLES_SIGINT = `process.on('SIGINT', () => {
  process.stdout.write('SIGINT handled\\n');
  process.exit(0);
});
setInterval(() => undefined, 1_000);
process.stdout.write('ready\\n');
`;

describe('Ctrl-C reaches the scripts that run until it, even on a loaded machine', () => {
  for (const name of RUN_UNTIL_CTRL_C)
    it(`npm run ${name}: its launcher lets the file's SIGINT handler run, although the file's process is not scheduled for ${NOT_SCHEDULED_MS} ms`, async ({
      onTestFinished,
    }) => {
      const launcher = launcherOf(name);
      const dir = mkdtempSync(join(tmpdir(), 'ctrl-c-'));
      onTestFinished(() => {
        rmSync(dir, { recursive: true, force: true });
      });
      const file = join(dir, 'handles-sigint.ts');
      writeFileSync(file, HANDLES_SIGINT);
      const hand = new BackgroundHand(`${launcher} ${file}`, REPO_ROOT, { PATH: process.env.PATH ?? '' });
      onTestFinished(() => hand.stop('SIGKILL'));
      await hand.waitFor(`\`${launcher} ${file}\` should start`, (out) => out.includes('ready'), 20_000);

      const { pid } = await processRunning(hand.processGroup, file);
      process.kill(pid, 'SIGSTOP');
      const stopped = hand.stop('SIGINT', 10_000);
      await delay(NOT_SCHEDULED_MS);
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // Already ended while stopped (SIGKILL works on a stopped process): how it ended is checked below.
      }
      await stopped;

      expect(
        { exitCode: hand.exitCode, output: hand.output.trim().split('\n') },
        `npm run ${name}'s launcher \`${launcher}\`, sent Ctrl-C while its file's process was not scheduled`,
      ).toEqual({ exitCode: 0, output: ['ready', 'SIGINT handled'] });
    });
});
