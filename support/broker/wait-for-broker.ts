import { Kafka } from '@kafka-event-spec/events';
import type { BrokerConnection } from './broker-connection.js';
import { kafkajsConfig } from './kafkajs-config.js';

export interface BrokerReadiness {
  clusterId: string;
  brokerCount: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until an admin client sees the cluster and its group coordinator answers, or the
 * deadline passes. Asking for a group's description makes a fresh broker create
 * __consumer_offsets now, so the first spec's consumer does not pay for it (and does not see
 * COORDINATOR_LOAD_IN_PROGRESS).
 */
export async function waitForBroker(
  connection: Pick<BrokerConnection, 'brokers' | 'tls' | 'sasl'>,
  options: {
    timeoutMs: number;
    isAlive?: () => boolean;
    /** The group whose description is asked for; false: do not ask (the caller probes the coordinator itself). */
    readinessGroup?: string | false;
    /** An error that waiting will not cure (a refused login, an untrusted certificate): fail at once. */
    giveUpOn?: (error: unknown) => boolean;
  },
): Promise<BrokerReadiness> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown = new Error('no attempt was made');
  while (Date.now() < deadline) {
    if (options.isAlive !== undefined && !options.isAlive()) {
      throw new Error('the broker process exited during startup');
    }
    const admin = new Kafka(
      kafkajsConfig(connection, 'kafka-spec-readiness', {
        connectionTimeout: 2_000,
        requestTimeout: 10_000,
        retry: { retries: 0 },
      }),
    ).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      const group = options.readinessGroup ?? 'kafka-spec-readiness';
      if (group !== false) await admin.describeGroups([group]);
      return { clusterId: cluster.clusterId, brokerCount: cluster.brokers.length };
    } catch (error) {
      lastError = error;
      if (options.giveUpOn?.(error) === true) break;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await sleep(250);
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  // The last error rides along as the cause, for a caller that can say what it means.
  throw new Error(
    `no answer from ${connection.brokers.join(',')} within ${options.timeoutMs / 1000} s (last error: ${reason})`,
    { cause: lastError },
  );
}
