/**
 * What the single broker (KafkaJvmBroker) and the cluster (KafkaJvmCluster) have in common: both
 * run Kafka from the jars `libs` with `java`, take broker configs and a bounded startup, and format
 * each node's storage with kafka-storage before its JVM starts.
 */
import { requireKafkaToolClass } from '../../kafka-tools/kafka-tool-classes.js';
import type { KafkaLibs } from './kafka-jars.js';
import { runKafkaMainClass, type KafkaClassRun } from './run-kafka-class.js';

export class KafkaBootError extends Error {
  override readonly name = 'KafkaBootError';
}

/** What a builder starts from: the jars and Java it runs, and its defaults for the startup bound and the heap. */
export interface KafkaJvmBuilderOptions {
  readonly libs: KafkaLibs;
  readonly java: string;
  /** How long a start may take before it fails (withStartupTimeout changes it). */
  readonly startupTimeoutMs: number;
  /** -Xmx of each broker JVM (withHeap changes it). */
  readonly heap: string;
}

export abstract class KafkaJvmBuilder {
  protected readonly extraConfig: Record<string, string> = {};
  /** Whether the JVMs map the class-data archives built for these jars and this Java, when there are some (class-data.ts). */
  protected classData = true;
  protected readonly libs: KafkaLibs;
  protected readonly java: string;
  protected startupTimeoutMs: number;
  protected heap: string;

  constructor({ libs, java, startupTimeoutMs, heap }: KafkaJvmBuilderOptions) {
    this.libs = libs;
    this.java = java;
    this.startupTimeoutMs = startupTimeoutMs;
    this.heap = heap;
  }

  /** Broker settings on top of the runtime's own (kraft-config.ts, kraft-cluster-config.ts). */
  withConfig(config: Record<string, string>): this {
    Object.assign(this.extraConfig, config);
    return this;
  }

  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }

  /** -Xmx of each broker JVM. */
  withHeap(heap: string): this {
    this.heap = heap;
    return this;
  }

  /**
   * false: the storage format and the broker JVMs start without their class-data archives, as they
   * do with KAFKA_CLASS_DATA=off (for the bench, which times both ways in one process).
   */
  withClassData(use: boolean): this {
    this.classData = use;
    return this;
  }

  /**
   * Waits for `started` to serve; if it does not, stops it and throws what `failure` makes of the
   * reason. On success `started.readyInMs` says how long the wait took.
   */
  protected async untilReady<T extends { readyInMs: number; stop(): Promise<void> }>(
    started: T,
    ready: () => Promise<unknown>,
    failure: (error: unknown) => Error,
  ): Promise<T> {
    const bootStart = Date.now();
    try {
      await ready();
    } catch (error) {
      await started.stop();
      throw failure(error);
    }
    started.readyInMs = Date.now() - bootStart;
    return started;
  }

  /** kafka-storage format of one node's log dirs, under the cluster id all nodes share. */
  protected formatStorage(
    clusterId: string,
    propertiesFile: string,
    extraArgs: readonly string[] = [],
  ): Promise<KafkaClassRun> {
    const storageTool = requireKafkaToolClass('kafka-storage', this.libs.kafkaVersion);
    return runKafkaMainClass({
      java: this.java,
      libsDir: this.libs.libsDir,
      mainClass: storageTool,
      args: ['format', '--cluster-id', clusterId, '--config', propertiesFile, ...extraArgs],
      archive: this.classData,
    });
  }
}
