/**
 * A KRaft cluster run from Kafka's own jars: one controller and N brokers, each its own small JVM,
 * any broker of which a spec can crash (SIGKILL) and start again on the same data directory and
 * port. Why one controller: see kraft-cluster-config.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, pollUntil } from '@kafka-event-spec/events';
import { kafkajsConfig } from '../kafkajs-config.js';
import { waitForBroker } from '../wait-for-broker.js';
import { freePort } from './free-port.js';
import type { KafkaLibs } from './kafka-jars.js';
import { KafkaBootError, KafkaJvmBuilder } from './kafka-jvm-builder.js';
import { KafkaServerProcess, tailOfLog } from './kafka-server-process.js';
import {
  brokerProperties,
  controllerProperties,
  CONTROLLER_NODE_ID,
  type ClusterNodeAddress,
  type KraftClusterLayout,
} from './kraft-cluster-config.js';
import { randomClusterId, toPropertiesFile } from './kraft-config.js';

// 2 cores and 24 GiB shared by several sessions: small heaps; a spec's topics hold a few MB.
const BROKER_HEAP = '384m';
const CONTROLLER_HEAP = '192m';

interface ClusterNode extends ClusterNodeAddress {
  readonly dir: string;
  readonly propertiesFile: string;
  readonly logFile: string;
  readonly heap: string;
  /** The watchdog removes this when the JVM exits cleanly or this process is gone. */
  readonly watchdogDir: string;
  process?: KafkaServerProcess;
}

export class KafkaJvmCluster extends KafkaJvmBuilder {
  private brokerCount = 3;

  constructor(libs: KafkaLibs, java: string) {
    super({ libs, java, startupTimeoutMs: 180_000, heap: BROKER_HEAP });
  }

  withBrokers(count: number): this {
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`a cluster needs a whole number of brokers >= 1, not ${count}`);
    this.brokerCount = count;
    return this;
  }

  async start(): Promise<StartedKafkaJvmCluster> {
    const root = mkdtempSync(join(tmpdir(), 'kafka-event-spec-cluster-'));
    const controllerPort = await freePort();
    const brokerPorts = await Promise.all(Array.from({ length: this.brokerCount }, () => freePort()));
    const layout: KraftClusterLayout = {
      kafkaVersion: this.libs.kafkaVersion,
      controller: { nodeId: CONTROLLER_NODE_ID, port: controllerPort },
      brokers: brokerPorts.map((port, index) => ({ nodeId: index + 1, port })),
    };
    const node = (
      address: ClusterNodeAddress,
      { name, heap, watchdogDir }: { name: string; heap: string; watchdogDir: (dir: string) => string },
    ): ClusterNode => {
      const dir = join(root, name);
      mkdirSync(dir);
      return {
        ...address,
        dir,
        propertiesFile: join(dir, 'server.properties'),
        logFile: join(root, `${name}.log`),
        heap,
        watchdogDir: watchdogDir(dir),
      };
    };
    // The controller outlives every broker (specs never kill it): its watchdog removes the whole cluster.
    const controller = node(layout.controller, { name: 'controller', heap: CONTROLLER_HEAP, watchdogDir: () => root });
    const brokers = layout.brokers.map((b) =>
      node(b, { name: `broker-${b.nodeId}`, heap: this.heap, watchdogDir: (dir) => dir }),
    );
    writeFileSync(
      controller.propertiesFile,
      toPropertiesFile(controllerProperties(layout, join(controller.dir, 'data'))),
    );
    for (const broker of brokers) {
      writeFileSync(
        broker.propertiesFile,
        toPropertiesFile(
          brokerProperties({ layout, broker, logDir: join(broker.dir, 'data'), extra: this.extraConfig }),
        ),
      );
    }

    const clusterId = randomClusterId();
    const formats = await Promise.all(
      [controller, ...brokers].map(async (n) => ({
        n,
        run: await this.formatStorage(clusterId, n.propertiesFile),
      })),
    );
    const failed = formats.find(({ run }) => run.exitCode !== 0);
    if (failed !== undefined) {
      rmSync(root, { recursive: true, force: true });
      throw new KafkaBootError(
        `kafka-storage format of node ${failed.n.nodeId} failed (exit ${failed.run.exitCode}):\n${failed.run.stdout}${failed.run.stderr}`,
      );
    }

    const cluster = new StartedKafkaJvmCluster({
      java: this.java,
      libs: this.libs,
      rootDir: root,
      clusterId,
      controller,
      brokers,
      classData: this.classData,
    });
    cluster.launch(controller, false);
    for (const broker of brokers) cluster.launch(broker, false);
    return this.untilReady(
      cluster,
      () =>
        cluster.waitUntilServing(
          brokers.map((b) => b.nodeId),
          this.startupTimeoutMs,
        ),
      (error) => (error instanceof Error ? error : new Error(String(error))),
    );
  }
}

/** A cluster whose storage is formatted: the Java and jars its nodes run, and the nodes. */
interface StartedKafkaJvmClusterOptions {
  readonly java: string;
  readonly libs: KafkaLibs;
  readonly rootDir: string;
  readonly clusterId: string;
  readonly controller: ClusterNode;
  readonly brokers: readonly ClusterNode[];
  /** Whether the JVMs map their class-data archives (withClassData). */
  readonly classData: boolean;
}

export class StartedKafkaJvmCluster {
  readyInMs = 0;
  private readonly java: string;
  readonly libs: KafkaLibs;
  readonly rootDir: string;
  readonly clusterId: string;
  private readonly controller: ClusterNode;
  private readonly brokers: readonly ClusterNode[];
  private readonly classData: boolean;

  constructor(options: StartedKafkaJvmClusterOptions) {
    this.java = options.java;
    this.libs = options.libs;
    this.rootDir = options.rootDir;
    this.clusterId = options.clusterId;
    this.controller = options.controller;
    this.brokers = options.brokers;
    this.classData = options.classData;
  }

  /** host:port of every broker, running or not: clients find the live ones. */
  get bootstrapServers(): string[] {
    return this.brokers.map((b) => `127.0.0.1:${b.port}`);
  }

  get brokerIds(): number[] {
    return this.brokers.map((b) => b.nodeId);
  }

  private broker(nodeId: number): ClusterNode {
    const found = this.brokers.find((b) => b.nodeId === nodeId);
    if (found === undefined)
      throw new Error(`this cluster has no broker ${nodeId} (brokers: ${this.brokerIds.join(', ')})`);
    return found;
  }

  logFileOf(nodeId: number): string {
    return this.broker(nodeId).logFile;
  }

  /** host:port of one broker, running or not. */
  addressOf(nodeId: number): string {
    return `127.0.0.1:${this.broker(nodeId).port}`;
  }

  isRunning(nodeId: number): boolean {
    return this.broker(nodeId).process?.isRunning() ?? false;
  }

  /** @internal */
  launch(node: ClusterNode, restart: boolean): void {
    node.process = KafkaServerProcess.launch({
      java: this.java,
      libsDir: this.libs.libsDir,
      kafkaVersion: this.libs.kafkaVersion,
      propertiesFile: node.propertiesFile,
      logFile: node.logFile,
      watchdogDir: node.watchdogDir,
      heap: node.heap,
      appendLog: restart,
      classData: this.classData,
    });
  }

  /**
   * Until each of `nodeIds` answers on its own port and the controller counts it among the live
   * (unfenced) brokers, and the group coordinator answers.
   * @internal
   */
  async waitUntilServing(nodeIds: readonly number[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const nodes = nodeIds.map((id) => this.broker(id));
    const alive = () =>
      this.controller.process?.isRunning() === true && nodes.every((n) => n.process?.isRunning() === true);
    try {
      for (const node of nodes) {
        await waitForBroker(
          { brokers: [`127.0.0.1:${node.port}`], tls: undefined, sasl: undefined },
          { timeoutMs: Math.max(1, deadline - Date.now()), isAlive: alive },
        );
      }
      const admin = new Kafka(
        kafkajsConfig({ brokers: this.bootstrapServers, tls: undefined, sasl: undefined }, 'kafka-cluster-readiness', {
          retry: { retries: 0 },
        }),
      ).admin();
      await admin.connect();
      try {
        let live = new Set<number>();
        await pollUntil(
          async () => {
            live = new Set((await admin.describeCluster()).brokers.map((b) => b.nodeId));
            if (nodeIds.every((id) => live.has(id))) return true;
            if (!alive()) throw new Error('a node exited during startup');
            return undefined;
          },
          {
            timeoutMs: Math.max(1, deadline - Date.now()),
            intervalMs: 200,
            describe: () => `the controller to list brokers ${nodeIds.join(', ')} as live`,
            seen: () => `live: ${[...live].join(', ')}`,
          },
        );
      } finally {
        await admin.disconnect();
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const logs = [this.controller, ...nodes]
        .map((n) => `--- last lines of ${n.logFile} ---\n${tailOfLog(n.logFile, 15)}`)
        .join('\n');
      throw new KafkaBootError(
        `Kafka ${this.libs.kafkaVersion} broker(s) ${nodeIds.join(', ')} did not become ready: ${reason}\n${logs}`,
      );
    }
  }

  /** A crash: SIGKILL, no clean shutdown; its data directory stays as the crash left it. */
  async kill(nodeId: number): Promise<void> {
    await this.broker(nodeId).process?.kill();
  }

  /** Starts a stopped or killed broker again on its data directory and port; resolves once it serves. Returns how long that took. */
  async restart(nodeId: number, timeoutMs = 120_000): Promise<number> {
    const node = this.broker(nodeId);
    if (node.process?.isRunning() === true) throw new Error(`broker ${nodeId} is still running: kill it first`);
    const started = Date.now();
    this.launch(node, true);
    await this.waitUntilServing([nodeId], timeoutMs);
    return Date.now() - started;
  }

  /** Every broker, then the controller, shut down cleanly; the cluster's files are removed. */
  async stop(): Promise<void> {
    await Promise.all(this.brokers.map((b) => b.process?.stop() ?? Promise.resolve()));
    await this.controller.process?.stop();
    rmSync(this.rootDir, { recursive: true, force: true });
  }
}
