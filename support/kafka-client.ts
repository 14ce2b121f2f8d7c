import type { Kafka as KafkaClient } from 'kafkajs';
import { Kafka } from './lib/kafkajs.js';
import { inject } from 'vitest';
import type { BrokerConnection } from './broker/broker-connection.js';
import { kafkajsConfig } from './broker/kafkajs-config.js';

/** The run's broker, as globalSetup provided it. */
export function runBroker(): BrokerConnection {
  return inject('kafka');
}

/** A kafkajs client for the run's broker; clientId names the spec in the broker's logs. */
export function kafkaClient(clientId: string): KafkaClient {
  return new Kafka(kafkajsConfig(runBroker(), clientId));
}
