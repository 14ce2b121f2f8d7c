import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { logLevel } from '@kafka-event-spec/events';
import type { BrokerConnection, SaslSettings, TlsSettings } from './broker-connection.js';

/** The TLS options for node:tls (and kafkajs' ssl) from the run's TLS settings. */
export function tlsOptions(tls: TlsSettings): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: tls.rejectUnauthorized };
  if (tls.caFile !== undefined) options.ca = [readFileSync(tls.caFile, 'utf8')];
  if (tls.certFile !== undefined) options.cert = readFileSync(tls.certFile, 'utf8');
  if (tls.keyFile !== undefined) options.key = readFileSync(tls.keyFile, 'utf8');
  return options;
}

function saslOptions(sasl: SaslSettings): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

/**
 * The kafkajs configuration for a broker connection. kafkajs logs at ERROR by default, which
 * prints retriable coordinator errors that it then recovers from; specs assert outcomes instead.
 */
export function kafkajsConfig(
  connection: Pick<BrokerConnection, 'brokers' | 'tls' | 'sasl'>,
  clientId: string,
  overrides: Partial<KafkaConfig> = {},
): KafkaConfig {
  const config: KafkaConfig = {
    clientId,
    brokers: connection.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    ...overrides,
  };
  if (connection.tls !== undefined) config.ssl = tlsOptions(connection.tls);
  if (connection.sasl !== undefined) config.sasl = saslOptions(connection.sasl);
  return config;
}
