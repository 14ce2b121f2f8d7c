/**
 * `npm run soak`: stability by repetition. Runs the kafka project N times and the cluster project M
 * times (defaults 10 and 10), one run at a time, and prints per run its time, pass or FAIL, and each
 * `fault …` line; it ends with totals (runs, failures, records lost, the worst recovery) and every
 * failed run's first lines. A flaky failure found here costs a soak, not a team's CI.
 *
 *   npm run soak                          10 kafka-project runs, then 10 cluster-project runs
 *   npm run soak -- --kafka 3 --cluster 0
 *
 * Each run's whole output goes to reports/soak/<project>-<n>.log (under KAFKA_REPORTS_DIR when set).
 * A run that takes longer than SOAK_RUN_TIMEOUT_SECONDS (default 1800) is stopped and counts as
 * failed. Ctrl-C stops the run in progress, prints the totals so far, and names what was not run.
 * Exit status 0 only when every planned run ran and passed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../repository/repo-root.js';
import { reportPath } from '../reporting/report-files.js';
import { PROJECT } from '../reporting/vitest-projects.js';
import {
  failureLines,
  faultLines,
  runLines,
  SoakInputError,
  soakPlan,
  type SoakRun,
  totalLines,
} from '../soak/index.js';
import { endCli } from './end-cli.js';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** The child in progress, so Ctrl-C can stop it (and every JVM it started: its own process group). */
let running: ChildProcess | undefined;
/** Set by Ctrl-C (or SIGTERM); read after each await, hence an object TypeScript does not narrow. */
const stop: { requested: boolean; signal?: NodeJS.Signals } = { requested: false };
const stopRequested = (): boolean => stop.requested;

/** SIGTERM to the run's process group (vitest runs its teardown), SIGKILL 15 s later if it is still there. */
function stopRun(child: ChildProcess): void {
  stopGroup(child, 'SIGTERM');
  setTimeout(() => {
    stopGroup(child, 'SIGKILL');
  }, 15_000).unref();
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** One `vitest run --project <project>`, its output to `log`; resolves when it has exited. */
function runProject(
  project: string,
  log: string,
  timeoutS: number,
): Promise<{ exitCode: number; output: string; timedOut: boolean }> {
  mkdirSync(dirname(log), { recursive: true });
  const file = createWriteStream(log);
  const vitest = join(REPO_ROOT, 'node_modules', '.bin', 'vitest');
  const child = spawn(vitest, ['run', '--project', project], {
    cwd: REPO_ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running = child;
  let output = '';
  const take = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    file.write(chunk);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopRun(child);
  }, timeoutS * 1000);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${vitest}: ${error.message} (run npm ci first)`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      file.end();
      resolve({ exitCode: code ?? (signal === null ? 1 : 128), output, timedOut });
    });
  });
}

async function main(): Promise<number> {
  const plan = soakPlan(process.argv.slice(2), process.env);
  const planned = [
    ...Array.from({ length: plan.kafka }, (_, i) => ({ project: PROJECT.kafka, index: i + 1, of: plan.kafka })),
    ...Array.from({ length: plan.cluster }, (_, i) => ({ project: PROJECT.cluster, index: i + 1, of: plan.cluster })),
  ];
  say(
    `soak: ${plan.kafka} run(s) of the ${PROJECT.kafka} project, then ${plan.cluster} of the ${PROJECT.cluster} project, one at a time; each run's output in ${reportPath('reports/soak')}/`,
  );
  const runs: SoakRun[] = [];
  for (const { project, index, of } of planned) {
    say(`${project} ${index}/${of}  running…`);
    const started = Date.now();
    const log = reportPath(`reports/soak/${project}-${index}.log`);
    const { exitCode, output, timedOut } = await runProject(project, log, plan.timeoutS);
    const seconds = (Date.now() - started) / 1000;
    if (stopRequested()) {
      // Interrupted, not failed: its verdict is "not run", with how far it got.
      say(
        `${project} ${index}/${of}  stopped by ${stop.signal} after ${seconds.toFixed(1)} s (not counted; its output: ${log})`,
      );
      break;
    }
    const passed = exitCode === 0 && !timedOut;
    const why = passed
      ? []
      : [
          ...(timedOut ? [`stopped after SOAK_RUN_TIMEOUT_SECONDS=${plan.timeoutS}`] : []),
          ...failureLines(output),
          `exit status ${exitCode}; its output: ${log}`,
        ];
    const run: SoakRun = { project, index, passed, seconds, faults: faultLines(output), why };
    runs.push(run);
    for (const line of runLines(run, of)) say(line);
  }
  const notRun =
    planned.length > runs.length
      ? [`${planned.length - runs.length} planned run(s), stopped by ${stop.signal ?? 'a signal'}`]
      : [];
  for (const line of totalLines(runs, notRun)) say(line);
  if (stopRequested()) return 130;
  return runs.every((run) => run.passed) && notRun.length === 0 ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stop.requested) return;
    stop.requested = true;
    stop.signal = signal;
    say(`soak: ${signal}: stopping the run in progress (and every process it started)`);
    if (running !== undefined) stopRun(running);
  });
}

endCli('soak', main, { exit: 'when-idle', expected: (error) => error instanceof SoakInputError });
