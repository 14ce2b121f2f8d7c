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

/** A broker listener that needs SASL/SCRAM logins and checks ACLs (KRaft's StandardAuthorizer). */
export interface SaslScramSecurity {
  /** SCRAM-SHA-256 unless said otherwise. */
  mechanism?: ScramMechanism;
  /** With TLS the listener is SASL_SSL on `hostname` (which the certificate names), else SASL_PLAINTEXT. */
  tls?: { keystorePemFile: string; truststorePemFile: string; hostname: string };
  /** May do anything; the broker itself logs in as this user too. */
  superUser: { username: string; password: string };
  /** Further users, who may do only what ACLs allow them. */
  users: { username: string; password: string }[];
}

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
export const SCRAM_MECHANISM: ScramMechanism = 'SCRAM-SHA-256';

export interface KraftNode {
  kafkaVersion: string;
  brokerPort: number;
  controllerPort: number;
  logDir: string;
  extra: Record<string, string>;
  security?: SaslScramSecurity;
}

/** A JAAS value in double quotes: a backslash or a quote in a password must not end it early. */
const jaasQuoted = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The client listener becomes SASL_PLAINTEXT with SCRAM; the controller listener stays PLAINTEXT
 * on 127.0.0.1, so the broker reaches its own controller as User:ANONYMOUS, which therefore is a
 * super user too (KRaft's documented setup for a plaintext controller listener).
 */
function saslScramProperties(node: KraftNode, security: SaslScramSecurity): Record<string, string> {
  const { username, password } = security.superUser;
  const mechanism = security.mechanism ?? SCRAM_MECHANISM;
  const listener = security.tls === undefined ? 'SASL_PLAINTEXT' : 'SASL_SSL';
  const host = security.tls?.hostname ?? '127.0.0.1';
  const tls: Record<string, string> =
    security.tls === undefined
      ? {}
      : {
          // PEM files as they are: no keytool, no store passwords. The broker checks its own name too.
          'ssl.keystore.type': 'PEM',
          'ssl.keystore.location': security.tls.keystorePemFile,
          'ssl.truststore.type': 'PEM',
          'ssl.truststore.location': security.tls.truststorePemFile,
        };
  return {
    listeners: `${listener}://127.0.0.1:${node.brokerPort},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `${listener}://${host}:${node.brokerPort}`,
    'inter.broker.listener.name': listener,
    'listener.security.protocol.map': `${listener}:${listener},CONTROLLER:PLAINTEXT`,
    'sasl.enabled.mechanisms': mechanism,
    'sasl.mechanism.inter.broker.protocol': mechanism,
    [`listener.name.${listener.toLowerCase()}.${mechanism.toLowerCase()}.sasl.jaas.config`]: `org.apache.kafka.common.security.scram.ScramLoginModule required username=${jaasQuoted(username)} password=${jaasQuoted(password)};`,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:${username};User:ANONYMOUS`,
    ...tls,
  };
}

/** kafka-storage format --add-scram: the SCRAM credentials exist before the broker first starts. */
export function scramFormatArgs(security: SaslScramSecurity): string[] {
  return [security.superUser, ...security.users].flatMap(({ username, password }) => [
    '--add-scram',
    `${security.mechanism ?? SCRAM_MECHANISM}=[name=${username},password=${password}]`,
  ]);
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
  const security = node.security === undefined ? {} : saslScramProperties(node, node.security);
  return { ...properties, ...security, ...node.extra };
}

export function toPropertiesFile(properties: Record<string, string>): string {
  return Object.entries(properties)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}
