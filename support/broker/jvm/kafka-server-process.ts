import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { requireKafkaToolClass } from '../../kafka-tools/kafka-tool-classes.js';
import { BROKER_LOG_CONFIG } from './log-config.js';
import { kafkaClassLaunchArgs } from './run-kafka-class.js';
import { WHEN_PARENT_EXITS_SCRIPT } from '../when-parent-exits.js';

const WATCHDOG = WHEN_PARENT_EXITS_SCRIPT;
const STOP_GRACE_MS = 20_000;

export interface KafkaServerLaunch {
  java: string;
  libsDir: string;
  /** Picks the server's main class from the one table (scripts/shell/lib/kafka-tool-classes.tsv). */
  kafkaVersion: string;
  propertiesFile: string;
  logFile: string;
  /** Removed by the watchdog once the JVM has exited (after a stop, or when this Node process is gone); kept after kill(). */
  watchdogDir: string;
  /** -Xmx; -Xms is min(256m, heap). */
  heap: string;
  /** Append to the log (a restarted node keeps the log of its previous life). */
  appendLog?: boolean;
  /** Record the classes the server loads in this file (-XX:DumpLoadedClassList), to build its class-data archive from. */
  classListFile?: string;
  /** false: no class-data archive even when one was built (default true). */
  classData?: boolean;
}

const smallerHeap = (heap: string): string =>
  /^(\d+)m$/i.test(heap) && Number(heap.slice(0, -1)) < 256 ? heap : '256m';

export function tailOfLog(file: string, lines: number): string {
  if (!existsSync(file)) return '(no broker log was written)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * One Kafka server JVM (kafka-server-start's main class) under the watchdog when-parent-exits.sh, so it never
 * outlives this Node process. The watchdog and the JVM share a process group of their own: stop()
 * asks for Kafka's clean shutdown, kill() is a crash (SIGKILL to both, so the data stays on disk).
 */
export class KafkaServerProcess {
  private exited = false;
  private readonly exitedPromise: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.exitedPromise = new Promise((resolve) => {
      child.once('exit', () => {
        this.exited = true;
        resolve();
      });
    });
  }

  static launch(launch: KafkaServerLaunch): KafkaServerProcess {
    const logFd = openSync(launch.logFile, launch.appendLog === true ? 'a' : 'w');
    const jvmOptions = [
      `-Xms${smallerHeap(launch.heap)}`,
      `-Xmx${launch.heap}`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      ...(launch.classListFile === undefined ? [] : [`-XX:DumpLoadedClassList=${launch.classListFile}`]),
    ];
    const mainClass = requireKafkaToolClass('kafka-server-start', launch.kafkaVersion);
    const jvmArgs = kafkaClassLaunchArgs({
      java: launch.java,
      libsDir: launch.libsDir,
      mainClass,
      args: [launch.propertiesFile],
      logConfig: BROKER_LOG_CONFIG,
      jvmOptions,
      classData: 'broker',
      archive: launch.classData ?? true,
    });
    // detached: its own process group, so stop() and kill() reach the watchdog and the JVM together.
    const child = spawn('bash', [WATCHDOG, 'run', launch.watchdogDir, launch.java, ...jvmArgs], {
      stdio: ['pipe', logFd, logFd],
      detached: true,
    });
    closeSync(logFd);
    return new KafkaServerProcess(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  isRunning(): boolean {
    return !this.exited;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exited) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }

  /** Clean shutdown (SIGTERM through the watchdog), then SIGKILL for the whole group if it hangs. Idempotent. */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.signalGroup('SIGKILL');
    }, graceMs);
    await this.exitedPromise;
    clearTimeout(timer);
  }

  /** A crash: SIGKILL to the JVM and its watchdog at once, so nothing is flushed and nothing is removed. */
  async kill(): Promise<void> {
    this.signalGroup('SIGKILL');
    await this.exitedPromise;
  }
}
