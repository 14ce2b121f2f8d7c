import type { Kafka as KafkaClient } from 'kafkajs';
import { Kafka } from '@kafka-event-spec/events';
import { inject } from 'vitest';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { kafkajsConfig } from '../broker/kafkajs-config.js';

/** The connection to the run's one broker, which globalSetup started (or found) and provided: this starts nothing. */
export function brokerOfThisRun(): BrokerConnection {
  return inject('kafka');
}

/** A kafkajs client for the run's broker; clientId names the spec in the broker's logs. */
export function kafkaClient(clientId: string): KafkaClient {
  return new Kafka(kafkajsConfig(brokerOfThisRun(), clientId));
}
