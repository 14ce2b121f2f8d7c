// "Is it Kafka?" before any Kafka client: the probe (support/broker/kafka-probe.ts) sends Kafka's
// ApiVersions request, the first thing every client sends, and judges the answer within 5 s. A Kafka
// broker answers with the APIs it offers; an HTTP server answers "HTTP/1.1 400 Bad Request"; a closed
// port refuses the connection; a port that takes the request and says nothing gets no verdict of
// Kafka either. npm run consume (and, later, npm run verify and the external runtime) say which.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { describe, expect } from 'vitest';
import { KAFKA_PROBE_TIMEOUT_MS, kafkaProbeMessage, probeKafka } from '#support/broker/index.js';
import { freePort } from '#support/broker/jvm/index.js';
import { it } from '#support/fixtures/index.js';

/** Listens on a free port of 127.0.0.1 and returns `localhost:<port>`; closed after the test. */
async function listening(server: HttpServer | TcpServer, onCleanup: (fn: () => void) => void): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  onCleanup(() => {
    server.close();
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the test server has no port');
  return `localhost:${address.port}`;
}

describe('the Kafka probe: a Kafka ApiVersions request, judged within 5 s', { timeout: 30_000 }, () => {
  it("says the run's broker is Kafka: it answers ApiVersions with the APIs it offers", async ({ broker }) => {
    const [address = ''] = broker.brokers;
    const result = await probeKafka(address, { tls: broker.tls });
    expect(result, `the probe of the run's broker ${address}: ${kafkaProbeMessage(result)}`).toMatchObject({
      kind: 'kafka',
      address,
    });
    if (result.kind === 'kafka')
      expect(result.apiCount, `the APIs ${address} offers (Produce, Fetch, ... ApiVersions)`).toBeGreaterThan(10);
  });

  it('says an HTTP server is not Kafka, naming what it answered, within 5 s', async ({ onTestFinished }) => {
    const address = await listening(
      createHttpServer((_request, response) => response.end('hello')),
      onTestFinished,
    );
    const started = Date.now();
    const result = await probeKafka(address);
    const tookMs = Date.now() - started;
    const message = kafkaProbeMessage(result);
    expect(result.kind, `the probe of an HTTP server at ${address}: ${message}`).toBe('not-kafka');
    expect(message, 'the one line names it "not Kafka" and quotes the answer').toBe(
      `${address} is not Kafka: to a Kafka ApiVersions request it answered "HTTP/1.1 400 Bad Request"`,
    );
    expect(tookMs, `the verdict on ${address} in ms`).toBeLessThan(KAFKA_PROBE_TIMEOUT_MS);
  });

  it('says a port nobody listens on is unreachable, at once', async () => {
    const address = `localhost:${await freePort()}`;
    const started = Date.now();
    const result = await probeKafka(address);
    expect(result, `the probe of ${address}, where nothing listens: ${kafkaProbeMessage(result)}`).toMatchObject({
      kind: 'unreachable',
    });
    expect(kafkaProbeMessage(result), 'the one line').toMatch(new RegExp(`^${address} is unreachable \\(ECONNREFUSED`));
    expect(Date.now() - started, `the verdict on ${address} in ms`).toBeLessThan(KAFKA_PROBE_TIMEOUT_MS);
  });

  it('says a port that takes the request and stays silent did not answer, when the wait is over', async ({
    onTestFinished,
  }) => {
    const address = await listening(
      createTcpServer(() => undefined),
      onTestFinished,
    );
    const started = Date.now();
    const result = await probeKafka(address, { timeoutMs: 1_000 });
    const tookMs = Date.now() - started;
    expect(result, `the probe of a silent server at ${address}: ${kafkaProbeMessage(result)}`).toMatchObject({
      kind: 'no-answer',
      waitedMs: 1_000,
    });
    expect(tookMs, `the verdict on ${address} in ms, with a 1 s wait`).toBeLessThan(3_000);
  });
});
