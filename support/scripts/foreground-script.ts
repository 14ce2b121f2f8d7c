/**
 * A server script of scripts/shell/ (start_kafka.sh, start_zookeeper.sh) run the way a person runs
 * it: in the foreground, until a signal stops it. The script becomes the JVM (exec), so the child
 * process here is the server itself: its exit event and exit status are the server's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { scriptEnvironment, scriptPath, type ScriptEnv, type ShellScript } from './shell-scripts.js';
import { WHEN_PARENT_EXITS_SCRIPT } from '../broker/when-parent-exits.js';

const GUARD = WHEN_PARENT_EXITS_SCRIPT;
/** Kept from the server's log, so a long-running broker cannot fill the spec's memory. */
const MAX_OUTPUT = 4 * 1024 * 1024;

export interface ScriptExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ForegroundScript {
  private output = '';
  private exitStatus: ScriptExit | undefined;
  private readonly exitPromise: Promise<ScriptExit>;
  private readonly guard: ChildProcess;

  private constructor(
    readonly script: ShellScript,
    private readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exitPromise = new Promise((resolve) => {
      // 'close', not 'exit': it comes after the last of the output has been read.
      child.once('close', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve(this.exitStatus);
      });
    });
    // If this process dies without stopping the server, the guard stops it (see the .sh file).
    this.guard = spawn('bash', [GUARD, 'kill', String(child.pid)], { stdio: ['pipe', 'ignore', 'ignore'] });
    this.guard.on('error', () => undefined);
  }

  static start(script: ShellScript, args: readonly string[], env: ScriptEnv): ForegroundScript {
    const child = spawn('bash', [scriptPath(script), ...args], {
      env: scriptEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error(`could not start ${script}`);
    return new ForegroundScript(script, child);
  }

  get pid(): number {
    // Checked in start().
    return this.child.pid ?? -1;
  }

  isRunning(): boolean {
    return this.exitStatus === undefined;
  }

  /** Everything the script and its server printed so far (stdout and stderr, as in a terminal). */
  log(): string {
    return this.output;
  }

  tail(lines = 40): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Resolves when the server process has exited (by itself, or stopped). */
  exited(): Promise<ScriptExit> {
    return this.exitPromise;
  }

  /**
   * SIGTERM, as `kill` or a service manager sends (or SIGINT, as Ctrl-C in a terminal does), then
   * waits for the exit event. If the server has not exited within `timeoutMs` it is killed and the
   * returned promise rejects: a clean stop is what is being proved.
   */
  async stop(options: { signal?: 'SIGTERM' | 'SIGINT'; timeoutMs?: number } = {}): Promise<ScriptExit> {
    const { signal = 'SIGTERM', timeoutMs = 60_000 } = options;
    if (this.exitStatus === undefined) {
      this.child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => {
          resolve('timeout');
        }, timeoutMs);
      });
      const outcome = await Promise.race([this.exitPromise, deadline]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.child.kill('SIGKILL');
        await this.exitPromise;
        this.releaseGuard();
        throw new Error(
          `${this.script} (pid ${this.pid}) did not exit within ${timeoutMs / 1000} s of ${signal}; killed it\n${this.tail()}`,
        );
      }
    }
    this.releaseGuard();
    return this.exitPromise;
  }

  /** For afterAll: whatever state the spec left it in, nothing keeps running. */
  async ensureStopped(): Promise<void> {
    try {
      await this.stop();
    } catch {
      // stop() already killed it and said why in the failing spec's error, if it was one.
    }
  }

  private releaseGuard(): void {
    // The server is gone, so the guard has nothing to do; it is waiting on its stdin, and dies here.
    if (this.guard.exitCode === null && this.guard.signalCode === null) this.guard.kill('SIGKILL');
    this.guard.stdin?.destroy();
  }
}
