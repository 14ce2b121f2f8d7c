/**
 * A learner's shell, for specs that run the page's commands as typed: bash, Kafka's bin/ first on
 * PATH, none of the suite's own settings (KAFKA_*, TOPIC_*, VITEST*, npm_*) inherited. A command
 * that waits until Ctrl-C (a server, a console consumer) runs in the background and gets SIGINT.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { WHEN_PARENT_EXITS_SCRIPT } from '../broker/when-parent-exits.js';
import { pollUntil } from '@kafka-event-spec/events';

const SUITE_SETTINGS = /^(KAFKA_|TOPIC_|VERIFY_|VITEST|npm_)/;

export type HandEnv = Record<string, string>;

/** The environment of a fresh terminal where the learner pasted the PATH line, plus `extra`. */
export function handEnv(binDir: string, extra: HandEnv = {}): HandEnv {
  const env: HandEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !SUITE_SETTINGS.test(name)) env[name] = value;
  }
  return { ...env, PATH: `${binDir}:${env.PATH ?? ''}`, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

export interface HandRun {
  command: string;
  exitCode: number;
  /** stdout then stderr: what the learner sees. */
  output: string;
  stdout: string;
}

/** "`command` exited N:" and what it printed, for a failure message. */
export function shownCommand(run: Pick<HandRun, 'command' | 'output'> & { exitCode: number | null }): string {
  return `\`${run.command}\` exited ${run.exitCode ?? 'on a signal'}; it printed:\n${run.output.trim() || '(nothing)'}`;
}

/** Runs `command` to completion (bash -o pipefail, so a failing jq in a pipe counts), bounded. */
export function runHand(command: string, where: { cwd: string; env: HandEnv; timeoutMs?: number }): Promise<HandRun> {
  const { cwd, env, timeoutMs = 120_000 } = where;
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-o', 'pipefail', '-c', command],
      { cwd, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const timedOut = error !== null && error.killed === true;
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        const output = `${stdout}${stderr}${timedOut ? `\n(still running after ${timeoutMs / 1000} s: killed)` : ''}`;
        resolve({ command, exitCode, output, stdout });
      },
    );
  });
}

/** A command left running, as in a second terminal. */
export class BackgroundHand {
  private readonly child: ChildProcess;
  private readonly guard: ChildProcess | undefined;
  private out = '';
  private err = '';
  private exit: number | null | undefined;
  private readonly exited: Promise<void>;

  constructor(
    readonly command: string,
    cwd: string,
    env: HandEnv,
  ) {
    // Its own process group: Ctrl-C reaches bash and the JVM it started, as in a terminal.
    this.child = spawn('bash', ['-o', 'pipefail', '-c', command], {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.out += chunk.toString('utf8');
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.out += chunk.toString('utf8');
      this.err += chunk.toString('utf8');
    });
    // If this Node process ends first (a run interrupted or crashed before its cleanup), the guard
    // stops the command's whole process group: a learner's broker must not outlive the spec.
    this.guard =
      this.child.pid === undefined
        ? undefined
        : spawn('bash', [WHEN_PARENT_EXITS_SCRIPT, 'kill', `-${this.child.pid}`], {
            stdio: ['pipe', 'ignore', 'ignore'],
          });
    this.guard?.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code) => {
        this.exit = code;
        // Ended on its own or stopped: its group id may be reused, so the guard goes now.
        this.guard?.kill();
        resolve();
      });
    });
  }

  get output(): string {
    return this.out;
  }

  /** What it wrote to stderr alone (also in `output`, in the order it came). */
  get stderr(): string {
    return this.err;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Its process group's id (its own pid: it leads the group), for a spec that signals one process of it. */
  get processGroup(): number {
    if (this.child.pid === undefined) throw new Error(`\`${this.command}\` did not start`);
    return this.child.pid;
  }

  /** Its exit status once it ended (null: ended by a signal); undefined while it runs. */
  get exitCode(): number | null | undefined {
    return this.exit;
  }

  /** Polls `done` until it holds; throws with `what`, the command and its output when it exits first or time runs out. */
  async waitFor(what: string, done: (output: string) => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
    await pollUntil(
      async () => {
        if (await done(this.out)) return true;
        if (!this.running)
          throw new Error(
            `${what}: never happened; ${shownCommand({ command: this.command, exitCode: this.exit ?? null, output: this.out })}`,
          );
        return undefined;
      },
      {
        timeoutMs,
        intervalMs: 200,
        describe: () => `${what}; \`${this.command}\` is still running`,
        seen: () => this.out.trim() || '(nothing)',
      },
    );
  }

  /** Sends `signal` to its process group (SIGINT: Ctrl-C) and waits for it to exit, SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGINT', graceMs = 30_000): Promise<void> {
    if (!this.running || this.child.pid === undefined) return;
    const group = -this.child.pid;
    try {
      process.kill(group, signal);
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // Gone in the meantime.
      }
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
