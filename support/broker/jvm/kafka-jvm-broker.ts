import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForBroker } from '../wait-for-broker.js';
import { freePort } from './free-port.js';
import type { KafkaLibs } from './kafka-jars.js';
import type { SaslSettings } from '../broker-connection.js';
import { kraftServerProperties, randomClusterId, scramFormatArgs, toPropertiesFile, type SaslScramSecurity } from './kraft-config.js';
import { BROKER_LOG_CONFIG } from './log-config.js';
import { kafkaClassArgs, runKafkaClass } from './run-kafka-class.js';

const WATCHDOG = join(dirname(fileURLToPath(import.meta.url)), 'run-until-parent-exits.sh');
const STOP_GRACE_MS = 20_000;

export class KafkaBootError extends Error {
  override readonly name = 'KafkaBootError';
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '(no broker log was written)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Apache Kafka run from its own jars as a single-node KRaft cluster (broker and controller in one
 * JVM), configured fluently like testcontainers' KafkaContainer.
 */
export class KafkaJvmBroker {
  private brokerPort = 0;
  private controllerPort = 0;
  private logFile: string | undefined;
  private startupTimeoutMs = 120_000;
  private readonly extraConfig: Record<string, string> = {};
  private heap = '1g';
  private security: SaslScramSecurity | undefined;

  constructor(
    private readonly libs: KafkaLibs,
    private readonly java: string,
  ) {}

  /** 0 (the default) asks the OS for a free port. */
  withPort(port: number): this {
    this.brokerPort = port;
    return this;
  }

  withConfig(config: Record<string, string>): this {
    Object.assign(this.extraConfig, config);
    return this;
  }

  /** Where the broker's own log goes; by default a file inside its temporary directory. */
  withLogFile(file: string): this {
    this.logFile = file;
    return this;
  }

  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }

  withHeap(heap: string): this {
    this.heap = heap;
    return this;
  }

  /**
   * Clients must log in with SASL/SCRAM-SHA-256 (SASL_PLAINTEXT: no TLS yet), and ACLs decide what
   * each may do (StandardAuthorizer). The super user may do anything; the other users start with no
   * rights. The credentials are written at format time (kafka-storage format --add-scram).
   */
  withSaslScram(security: SaslScramSecurity): this {
    this.security = security;
    return this;
  }

  async start(): Promise<StartedKafkaJvmBroker> {
    // A free port can be taken by another process between our probe and Kafka's bind: retry.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce();
      } catch (error) {
        const portClash = error instanceof KafkaBootError && /Address already in use/.test(error.message);
        if (!portClash || attempt >= 3 || this.brokerPort !== 0) throw error;
      }
    }
  }

  private async startOnce(): Promise<StartedKafkaJvmBroker> {
    const workDir = mkdtempSync(join(tmpdir(), 'kafka-event-spec-broker-'));
    const logFile = this.logFile ?? join(workDir, 'broker.log');
    mkdirSync(dirname(logFile), { recursive: true });
    const brokerPort = this.brokerPort === 0 ? await freePort() : this.brokerPort;
    const controllerPort = this.controllerPort === 0 ? await freePort() : this.controllerPort;
    const clusterId = randomClusterId();
    const propertiesFile = join(workDir, 'server.properties');
    writeFileSync(
      propertiesFile,
      toPropertiesFile(
        kraftServerProperties({
          kafkaVersion: this.libs.kafkaVersion,
          brokerPort,
          controllerPort,
          logDir: join(workDir, 'data'),
          extra: this.extraConfig,
          ...(this.security === undefined ? {} : { security: this.security }),
        }),
      ),
    );

    const format = await runKafkaClass(this.java, this.libs.libsDir, 'kafka.tools.StorageTool', [
      'format', '--cluster-id', clusterId, '--config', propertiesFile,
      ...(this.security === undefined ? [] : scramFormatArgs(this.security)),
    ]);
    if (format.exitCode !== 0) {
      rmSync(workDir, { recursive: true, force: true });
      throw new KafkaBootError(`kafka-storage format failed (exit ${format.exitCode}):\n${format.stdout}${format.stderr}`);
    }

    const logFd = openSync(logFile, 'w');
    const jvmOptions = [`-Xms256m`, `-Xmx${this.heap}`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20'];
    // detached: its own process group, so stop() can end the watchdog and the JVM together.
    const child = spawn(
      'bash',
      [WATCHDOG, workDir, this.java, ...kafkaClassArgs(this.libs.libsDir, 'kafka.Kafka', [propertiesFile], BROKER_LOG_CONFIG, jvmOptions)],
      { stdio: ['pipe', logFd, logFd], detached: true },
    );
    closeSync(logFd);
    const superUser: SaslSettings | undefined =
      this.security === undefined ? undefined : { mechanism: 'scram-sha-256', ...this.security.superUser };
    const started = new StartedKafkaJvmBroker(child, workDir, logFile, `127.0.0.1:${brokerPort}`, clusterId, this.libs, superUser);
    const bootStart = Date.now();
    try {
      await waitForBroker(
        { brokers: [started.bootstrapServers], tls: undefined, sasl: superUser },
        { timeoutMs: this.startupTimeoutMs, isAlive: () => started.isRunning() },
      );
    } catch (error) {
      await started.stop();
      const reason = error instanceof Error ? error.message : String(error);
      throw new KafkaBootError(
        `Kafka ${this.libs.kafkaVersion} did not become ready: ${reason}\n--- last lines of ${logFile} ---\n${tail(logFile, 40)}`,
      );
    }
    started.readyInMs = Date.now() - bootStart;
    return started;
  }
}

export class StartedKafkaJvmBroker {
  readyInMs = 0;
  private exited = false;
  private readonly exitedPromise: Promise<void>;

  constructor(
    private readonly process: ChildProcess,
    readonly workDir: string,
    readonly logFile: string,
    readonly bootstrapServers: string,
    readonly clusterId: string,
    readonly libs: KafkaLibs,
    /** With withSaslScram: how a client logs in as the super user. */
    readonly superUser?: SaslSettings,
  ) {
    this.exitedPromise = new Promise((resolve) => {
      process.once('exit', () => {
        this.exited = true;
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  isRunning(): boolean {
    return !this.exited;
  }

  /** Clean shutdown (SIGTERM), then SIGKILL for the whole group if it hangs. Idempotent. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const pid = this.process.pid;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (pid !== undefined && !this.exited) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }, STOP_GRACE_MS);
    await this.exitedPromise;
    clearTimeout(timer);
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
