/**
 * What a spec needs to reach the run's broker. It crosses from globalSetup to the spec workers
 * through vitest's provide/inject, so it must stay plain JSON.
 */
export type KafkaRuntimeName = 'jvm' | 'container' | 'external';

export interface SaslSettings {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

export interface TlsSettings {
  /** PEM files; when absent, Node's default trust store is used. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  rejectUnauthorized: boolean;
}

/** How a spec can run Kafka's own command-line tools against this broker. */
export type KafkaToolsAccess =
  | { kind: 'jvm'; java: string; libsDir: string; kafkaVersion: string }
  | { kind: 'container'; containerId: string; kafkaVersion: string; bootstrapInside: string }
  | { kind: 'unavailable'; reason: string };

export interface BrokerConnection {
  runtime: KafkaRuntimeName;
  /** The Kafka version the runtime runs, or undefined for an external cluster. */
  kafkaVersion: string | undefined;
  brokers: string[];
  tls: TlsSettings | undefined;
  sasl: SaslSettings | undefined;
  /** Set when this run formatted the cluster itself, so a spec can check it reached that one. */
  clusterId: string | undefined;
  tools: KafkaToolsAccess;
  /** Prefix for every topic and group this run creates, so runs sharing a cluster stay apart. */
  namespace: string;
  /**
   * For a cluster reached through TLS or SASL: the client properties file Kafka's Java tools take as
   * --command-config, written by globalSetup from the run's settings and removed when the run ends.
   */
  clientConfigFile?: string;
}
