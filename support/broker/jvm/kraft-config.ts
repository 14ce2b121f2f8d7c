import { randomBytes } from 'node:crypto';
import { kafkaMajor } from '../kafka-versions.js';

/** A KRaft cluster id: 16 random bytes, base64url without padding, as `kafka-storage random-uuid` prints. */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    // Kafka rejects ids that start with '-' on the command line, as it does in Uuid.randomUuid().
    if (!id.startsWith('-')) return id;
  }
}

export interface KraftNode {
  kafkaVersion: string;
  brokerPort: number;
  controllerPort: number;
  logDir: string;
  extra: Record<string, string>;
}

/**
 * One process that is both broker and controller, as Kafka's config/server.properties sets up,
 * trimmed to a single node: every internal topic at replication factor 1, and no initial
 * rebalance delay so the first consumer of a group joins at once.
 */
export function kraftServerProperties(node: KraftNode): Record<string, string> {
  const properties: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${node.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${node.brokerPort},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${node.brokerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': node.logDir,
    'num.partitions': '1',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    // Specs create every topic they use: a typo must fail, not silently create a topic.
    'auto.create.topics.enable': 'false',
  };
  if (kafkaMajor(node.kafkaVersion) >= 4) {
    properties['share.coordinator.state.topic.replication.factor'] = '1';
    properties['share.coordinator.state.topic.min.isr'] = '1';
  }
  return { ...properties, ...node.extra };
}

export function toPropertiesFile(properties: Record<string, string>): string {
  return Object.entries(properties)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}
