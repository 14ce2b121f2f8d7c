import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerConnection, SaslSettings } from '../broker/broker-connection.js';

/**
 * The client properties Kafka's Java tools need to reach a cluster through TLS and/or SASL, the
 * file a person passes as `--command-config` (kafka-topics, kafka-configs) or as KAFKA_COMMAND_CONFIG
 * to create_topics.sh. Built from the run's own KAFKA_SSL_* and KAFKA_SASL_* settings, so the tools
 * connect exactly as the kafkajs clients do.
 */
export type ClientConfig =
  { needed: false } | { needed: true; properties: string } | { needed: true; unsupported: string };

const LOGIN_MODULES: Record<SaslSettings['mechanism'], { mechanism: string; module: string }> = {
  plain: { mechanism: 'PLAIN', module: 'org.apache.kafka.common.security.plain.PlainLoginModule' },
  'scram-sha-256': { mechanism: 'SCRAM-SHA-256', module: 'org.apache.kafka.common.security.scram.ScramLoginModule' },
  'scram-sha-512': { mechanism: 'SCRAM-SHA-512', module: 'org.apache.kafka.common.security.scram.ScramLoginModule' },
};

/** A JAAS option value: double-quoted, with \ and " escaped (JAAS parses it with Java's StreamTokenizer). */
const jaasQuoted = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** One `key=value` line as java.util.Properties reads it back: \ escaped, line breaks written as \n. */
const propertyLine = (key: string, value: string): string =>
  `${key}=${value.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/^ /, '\\ ')}`;

export function clientConfig(connection: Pick<BrokerConnection, 'tls' | 'sasl'>): ClientConfig {
  const { tls, sasl } = connection;
  if (tls === undefined && sasl === undefined) return { needed: false };
  if (tls !== undefined && !tls.rejectUnauthorized) {
    return {
      needed: true,
      unsupported:
        "KAFKA_SSL_REJECT_UNAUTHORIZED=false has no equivalent in Kafka's Java tools (they always check the broker's certificate): give the broker's CA as KAFKA_SSL_CA_FILE instead",
    };
  }
  if (tls?.certFile !== undefined || tls?.keyFile !== undefined) {
    return {
      needed: true,
      unsupported:
        "a client certificate (KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE) is not passed to Kafka's Java tools by this suite: write their --command-config by hand (ssl.keystore.type=PEM)",
    };
  }
  const lines = [
    propertyLine('security.protocol', `${sasl === undefined ? '' : 'SASL_'}${tls === undefined ? 'PLAINTEXT' : 'SSL'}`),
  ];
  if (tls?.caFile !== undefined) {
    // PEM trust stores need Kafka 2.7+ (KIP-651); without a CA file the JVM's own trust store is used.
    lines.push(propertyLine('ssl.truststore.type', 'PEM'), propertyLine('ssl.truststore.location', tls.caFile));
  }
  if (sasl !== undefined) {
    const { mechanism, module } = LOGIN_MODULES[sasl.mechanism];
    lines.push(
      propertyLine('sasl.mechanism', mechanism),
      propertyLine(
        'sasl.jaas.config',
        `${module} required username=${jaasQuoted(sasl.username)} password=${jaasQuoted(sasl.password)};`,
      ),
    );
  }
  return { needed: true, properties: `${lines.join('\n')}\n` };
}

/**
 * Writes the run's client properties (they hold the SASL password) in a directory of its own that
 * only this user can read; the returned function removes it. Called by globalSetup, once per run.
 */
export function writeClientConfigFile(properties: string): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-event-spec-client-'));
  chmodSync(dir, 0o700);
  const file = join(dir, 'client.properties');
  writeFileSync(file, properties, { mode: 0o600 });
  return {
    file,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The run's --command-config file, or why the tools cannot reach this cluster. */
export function commandConfigOf(
  connection: Pick<BrokerConnection, 'tls' | 'sasl' | 'clientConfigFile'>,
): { file: string | undefined } | { reason: string } {
  const config = clientConfig(connection);
  if (!config.needed) return { file: undefined };
  if ('unsupported' in config) return { reason: config.unsupported };
  if (connection.clientConfigFile === undefined)
    return { reason: 'this run wrote no client properties file for its TLS/SASL settings (globalSetup writes it)' };
  return { file: connection.clientConfigFile };
}
