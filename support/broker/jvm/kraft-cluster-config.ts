/**
 * server.properties for a KRaft cluster of one controller and N brokers, each its own JVM.
 *
 * Why a dedicated controller rather than N combined broker+controller nodes: the cluster specs kill
 * brokers, up to two of three at once. With combined nodes that also kills the controller quorum
 * (2 of 3 voters gone), so no broker is fenced, no ISR shrinks and no leader moves: sends would hang
 * until a timeout instead of failing with NOT_ENOUGH_REPLICAS, which is what a real cluster with a
 * healthy quorum answers. One controller keeps the quorum up whatever happens to the brokers, and
 * costs one small JVM (fewer than the three a separate 3-voter quorum would need on 2 cores).
 */
import { kafkaMajor } from '../kafka-versions.js';

export interface ClusterNodeAddress {
  nodeId: number;
  port: number;
}

export interface KraftClusterLayout {
  kafkaVersion: string;
  controller: ClusterNodeAddress;
  brokers: readonly ClusterNodeAddress[];
}

/** The controller id; brokers are 1..N. */
export const CONTROLLER_NODE_ID = 100;

// A killed broker is fenced, and so leaves every ISR, after the session timeout: seconds, not Kafka's 9 s.
const BROKER_SESSION_TIMEOUT_MS = '3000';
const BROKER_HEARTBEAT_INTERVAL_MS = '500';

function common(layout: KraftClusterLayout): Record<string, string> {
  const { nodeId, port } = layout.controller;
  return {
    'controller.quorum.voters': `${nodeId}@127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'broker.session.timeout.ms': BROKER_SESSION_TIMEOUT_MS,
    'broker.heartbeat.interval.ms': BROKER_HEARTBEAT_INTERVAL_MS,
  };
}

export function controllerProperties(layout: KraftClusterLayout, logDir: string): Record<string, string> {
  return {
    ...common(layout),
    'process.roles': 'controller',
    'node.id': String(layout.controller.nodeId),
    listeners: `CONTROLLER://127.0.0.1:${layout.controller.port}`,
    'log.dirs': logDir,
  };
}

/** One broker of a cluster: where it sits in the layout, where its data goes, and configs on top. */
export interface ClusterBrokerOptions {
  readonly layout: KraftClusterLayout;
  readonly broker: ClusterNodeAddress;
  readonly logDir: string;
  /** Broker configs over the cluster's own; none unless given. */
  readonly extra?: Record<string, string>;
}

/**
 * A broker of the cluster. Kafka's internal topics get as many replicas as there are brokers (up to
 * 3) and need one in sync: the consumer group's offsets stay writable while brokers die, so a spec
 * sees what the dead-letter route does, not the coordinator's outage.
 */
export function brokerProperties({ layout, broker, logDir, extra = {} }: ClusterBrokerOptions): Record<string, string> {
  const replicas = String(Math.min(3, layout.brokers.length));
  const properties: Record<string, string> = {
    ...common(layout),
    'process.roles': 'broker',
    'node.id': String(broker.nodeId),
    listeners: `PLAINTEXT://127.0.0.1:${broker.port}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${broker.port}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': '1',
    'default.replication.factor': replicas,
    'offsets.topic.replication.factor': replicas,
    'offsets.topic.num.partitions': '1',
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'false',
  };
  if (kafkaMajor(layout.kafkaVersion) >= 4) {
    properties['share.coordinator.state.topic.replication.factor'] = replicas;
    properties['share.coordinator.state.topic.min.isr'] = '1';
  }
  return { ...properties, ...extra };
}
