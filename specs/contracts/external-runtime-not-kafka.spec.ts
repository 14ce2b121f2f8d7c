/**
 * npm test's external runtime (KAFKA_RUNTIME=external) against a port where something other than
 * Kafka answers: one line naming KAFKA_BROKERS and "not Kafka", within seconds, before kafkajs
 * retries and calls the port unreachable. An HTTP server on this machine plays that port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useExternalBroker } from '#support/broker/external/index.js';
import { readBrokerSettings } from '#support/broker/index.js';

const WITHIN_MS = 5_000;
/** Long enough for kafkajs' own verdict to come back, so that a missing probe fails on the message, not a timeout. */
const TEST_TIMEOUT_MS = 40_000;

describe('KAFKA_RUNTIME=external on a port that answers but is not Kafka', () => {
  it(
    `fails with one line naming KAFKA_BROKERS and "not Kafka" within ${WITHIN_MS / 1000} s`,
    async () => {
      const server = createServer((_request, response) => response.end('not Kafka\n'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const settings = readBrokerSettings({ KAFKA_RUNTIME: 'external', KAFKA_BROKERS: address });
      const started = Date.now();
      const error = await useExternalBroker(settings, 'spec-not-kafka')
        .then(
          () => undefined,
          (e: unknown) => e,
        )
        .finally(() => server.close());
      const ms = Date.now() - started;

      expect(String(error), 'the external runtime on an HTTP server: its error').toMatch(
        new RegExp(`^BrokerSetupError: KAFKA_BROKERS=${address}: ${address} is not Kafka: `),
      );
      expect(
        ms,
        `the external runtime on an HTTP server: expected its error within ${WITHIN_MS} ms; got ${ms} ms`,
      ).toBeLessThan(WITHIN_MS);
    },
    TEST_TIMEOUT_MS,
  );
});
