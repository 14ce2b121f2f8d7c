import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll } from 'vitest';
import type { StartedKafkaJvmCluster } from '../broker/jvm/kafka-jvm-cluster.js';
import { clusterClient, startSpecCluster } from './fault-bench.js';

export interface SpecCluster {
  readonly cluster: StartedKafkaJvmCluster;
  readonly kafka: Kafka;
  readonly admin: Admin;
}

/**
 * A cluster for the enclosing describe (1 controller + `brokers` brokers), a client named
 * `clientId` and a connected admin for it: started before the first test, stopped after the last.
 * A test that reads it when it did not start fails saying so (the hook's error says why).
 */
export function clusterForDescribe(brokers: number, clientId: string): SpecCluster {
  let started: SpecCluster | undefined;
  beforeAll(async () => {
    const cluster = await startSpecCluster(brokers);
    const kafka = clusterClient(cluster, clientId);
    const admin = kafka.admin();
    started = { cluster, kafka, admin };
    await admin.connect();
  });
  afterAll(async () => {
    await started?.admin.disconnect();
    await started?.cluster.stop();
  });
  const get = (): SpecCluster => {
    if (started === undefined) throw new Error('the cluster did not start (see beforeAll)');
    return started;
  };
  return {
    get cluster() {
      return get().cluster;
    },
    get kafka() {
      return get().kafka;
    },
    get admin() {
      return get().admin;
    },
  };
}
