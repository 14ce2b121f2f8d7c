import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { waitForBroker } from '../wait-for-broker.js';
import { freePort } from './free-port.js';
import type { KafkaLibs } from './kafka-jars.js';
import type { SaslSettings, TlsSettings } from '../broker-connection.js';
import {
  kraftServerProperties,
  randomClusterId,
  scramFormatArgs,
  toPropertiesFile,
  type SaslScramSecurity,
} from './kraft-config.js';
import { KafkaServerProcess, tailOfLog } from './kafka-server-process.js';
import { KafkaBootError, KafkaJvmBuilder } from './kafka-jvm-builder.js';

/**
 * Apache Kafka run from its own jars as a single-node KRaft cluster (broker and controller in one
 * JVM), configured fluently like testcontainers' KafkaContainer.
 */
export class KafkaJvmBroker extends KafkaJvmBuilder {
  private brokerPort = 0;
  private controllerPort = 0;
  private logFile: string | undefined;
  private security: SaslScramSecurity | undefined;
  private classListFile: string | undefined;

  constructor(libs: KafkaLibs, java: string) {
    super({ libs, java, startupTimeoutMs: 120_000, heap: '1g' });
  }

  /** 0 (the default) asks the OS for a free port. */
  withPort(port: number): this {
    this.brokerPort = port;
    return this;
  }

  /** Where the broker's own log goes; by default a file inside its temporary directory. */
  withLogFile(file: string): this {
    this.logFile = file;
    return this;
  }

  /**
   * Clients must log in with SASL/SCRAM (SHA-256 unless `mechanism` says SHA-512; over TLS, SASL_SSL,
   * when `tls` is given, else SASL_PLAINTEXT), and ACLs decide what
   * each may do (StandardAuthorizer). The super user may do anything; the other users start with no
   * rights. The credentials are written at format time (kafka-storage format --add-scram).
   */
  withSaslScram(security: SaslScramSecurity): this {
    this.security = security;
    return this;
  }

  /** The broker JVM writes the classes it loads to `file` (undefined: not), for its class-data archive. */
  withClassList(file: string | undefined): this {
    this.classListFile = file;
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

    const version = this.libs.kafkaVersion;
    const format = await this.formatStorage(
      clusterId,
      propertiesFile,
      this.security === undefined ? [] : scramFormatArgs(this.security),
    );
    if (format.exitCode !== 0) {
      rmSync(workDir, { recursive: true, force: true });
      throw new KafkaBootError(
        `kafka-storage format failed (exit ${format.exitCode}):\n${format.stdout}${format.stderr}`,
      );
    }

    const child = KafkaServerProcess.launch({
      java: this.java,
      libsDir: this.libs.libsDir,
      kafkaVersion: version,
      propertiesFile,
      logFile,
      watchdogDir: workDir,
      heap: this.heap,
      ...(this.classListFile === undefined ? {} : { classListFile: this.classListFile }),
      classData: this.classData,
    });
    const security = this.security;
    const superUser: SaslSettings | undefined =
      security === undefined
        ? undefined
        : {
            mechanism: security.mechanism === 'SCRAM-SHA-512' ? 'scram-sha-512' : 'scram-sha-256',
            ...security.superUser,
          };
    const tls: TlsSettings | undefined =
      security?.tls === undefined ? undefined : { caFile: security.tls.truststorePemFile, rejectUnauthorized: true };
    const host = security?.tls?.hostname ?? '127.0.0.1';
    const started = new StartedKafkaJvmBroker({
      process: child,
      workDir,
      logFile,
      bootstrapServers: `${host}:${brokerPort}`,
      clusterId,
      libs: this.libs,
      superUser,
      tls,
    });
    return this.untilReady(
      started,
      () =>
        waitForBroker(
          { brokers: [started.bootstrapServers], tls, sasl: superUser },
          { timeoutMs: this.startupTimeoutMs, isAlive: () => started.isRunning() },
        ),
      (error) => {
        const reason = error instanceof Error ? error.message : String(error);
        return new KafkaBootError(
          `Kafka ${this.libs.kafkaVersion} did not become ready: ${reason}\n--- last lines of ${logFile} ---\n${tailOfLog(logFile, 40)}`,
        );
      },
    );
  }
}

/** A broker process that started, and what a client needs to reach it. */
export interface StartedKafkaJvmBrokerOptions {
  readonly process: KafkaServerProcess;
  readonly workDir: string;
  readonly logFile: string;
  readonly bootstrapServers: string;
  readonly clusterId: string;
  readonly libs: KafkaLibs;
  /** With withSaslScram: how a client logs in as the super user. */
  readonly superUser?: SaslSettings;
  /** With withSaslScram and TLS: what a client must trust. */
  readonly tls?: TlsSettings;
}

export class StartedKafkaJvmBroker {
  readyInMs = 0;
  private readonly process: KafkaServerProcess;
  readonly workDir: string;
  readonly logFile: string;
  readonly bootstrapServers: string;
  readonly clusterId: string;
  readonly libs: KafkaLibs;
  /** With withSaslScram: how a client logs in as the super user. */
  readonly superUser?: SaslSettings;
  /** With withSaslScram and TLS: what a client must trust. */
  readonly tls?: TlsSettings;

  constructor(options: StartedKafkaJvmBrokerOptions) {
    this.process = options.process;
    this.workDir = options.workDir;
    this.logFile = options.logFile;
    this.bootstrapServers = options.bootstrapServers;
    this.clusterId = options.clusterId;
    this.libs = options.libs;
    this.superUser = options.superUser;
    this.tls = options.tls;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  isRunning(): boolean {
    return this.process.isRunning();
  }

  /** Clean shutdown (SIGTERM), then SIGKILL for the whole group if it hangs. Idempotent. */
  async stop(): Promise<void> {
    await this.process.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /**
   * For a scratch broker whose data is thrown away: SIGKILL, then its directory removed. Kafka's
   * controlled shutdown (1-2 s, measured) protects data nobody will read again.
   */
  async discard(): Promise<void> {
    await this.process.kill();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
