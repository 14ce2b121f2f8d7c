/**
 * Is there a Kafka broker at host:port? One question, answered within a bounded wait: open the
 * connection (TLS when the run's TLS settings say so), send Kafka's ApiVersions request (v0, which
 * every broker answers, authenticated or not), and judge the first bytes that come back. A port
 * where something else answers (an HTTP server, a database) is "not Kafka", said as such, rather
 * than the "unreachable" a Kafka client reports after retrying for many seconds.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { TlsSettings } from './broker-connection.js';
import { tlsOptions } from './kafkajs-config.js';

export type KafkaProbeResult =
  /** A Kafka broker answered ApiVersions; `apiCount` is how many APIs it offers (0 when it refused v0 with UNSUPPORTED_VERSION). */
  | { kind: 'kafka'; address: string; apiCount: number; ms: number }
  /** No connection: refused, no such host, or no TCP answer within the wait. */
  | { kind: 'unreachable'; address: string; reason: string }
  /** Connected, then neither an answer nor a close within the wait. */
  | { kind: 'no-answer'; address: string; waitedMs: number }
  /** Something answered, but not as Kafka does: `got` says what it did, e.g. `answered "HTTP/1.1 400 Bad Request"`. */
  | { kind: 'not-kafka'; address: string; got: string }
  /** TLS was asked for and the handshake failed (not a TLS port, or a certificate this run does not accept). */
  | { kind: 'tls-failed'; address: string; reason: string };

export interface KafkaProbeOptions {
  /** The run's TLS settings: probe through TLS when set, as kafkajs will connect. */
  tls?: TlsSettings | undefined;
  /** The whole probe, from connect to verdict. */
  timeoutMs?: number;
}

/** Under 5 s, so that a command that starts, probes and reports a silent port stays within 5 s. */
export const KAFKA_PROBE_TIMEOUT_MS = 4_000;

const API_VERSIONS_KEY = 18;
// Kafka echoes it; "\r\n\r\n" makes a line-based server (HTTP, SMTP, Redis) see a line end and answer at once.
const CORRELATION_ID = 0x0d_0a_0d_0a;
const CLIENT_ID = 'kafka-probe';
/** UNSUPPORTED_VERSION: a broker that no longer speaks v0 still answers, in v0's layout. */
const KNOWN_ERROR_CODES = new Set([0, 35]);
/** An ApiVersions response is a few hundred bytes; a size beyond this is not one (e.g. "HTTP" read as a size). */
const MAX_RESPONSE_BYTES = 1_000_000;

/** ApiVersions v0: size, api_key, api_version, correlation_id, client_id; no body. */
function apiVersionsRequest(): Buffer {
  const clientId = Buffer.from(CLIENT_ID, 'utf8');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(API_VERSIONS_KEY, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(CORRELATION_ID, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/** The start of what came back, printable: `"HTTP/1.1 400 Bad Request"` or `0x15 0x03 ...`. */
function shown(bytes: Buffer): string {
  const head = bytes.subarray(0, 40);
  const text = head.toString('latin1');
  const printable = /^[\x20-\x7e\r\n\t]+$/.test(text);
  if (printable) return JSON.stringify(text.split(/\r?\n/)[0] ?? text);
  return [...head.subarray(0, 12)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
}

type Verdict = { kind: 'more' } | { kind: 'kafka'; apiCount: number } | { kind: 'not-kafka' };

/** Judges the bytes so far: a complete v0 ApiVersions response, too few bytes yet, or not Kafka. */
function judge(bytes: Buffer): Verdict {
  if (bytes.length < 4) return { kind: 'more' };
  const size = bytes.readInt32BE(0);
  if (size < 6 || size > MAX_RESPONSE_BYTES) return { kind: 'not-kafka' };
  if (bytes.length >= 8 && bytes.readInt32BE(4) !== CORRELATION_ID) return { kind: 'not-kafka' };
  if (bytes.length < 4 + size) return { kind: 'more' };
  const errorCode = bytes.readInt16BE(8);
  if (!KNOWN_ERROR_CODES.has(errorCode)) return { kind: 'not-kafka' };
  if (size < 10) return errorCode === 0 ? { kind: 'not-kafka' } : { kind: 'kafka', apiCount: 0 };
  const count = bytes.readInt32BE(10);
  // Each entry: api_key, min_version, max_version (int16 each).
  if (count < 0 || 10 + count * 6 > size) return { kind: 'not-kafka' };
  if (errorCode === 0 && count === 0) return { kind: 'not-kafka' };
  for (let i = 0; i < count; i++) {
    const at = 14 + i * 6;
    if (bytes.readInt16BE(at + 2) > bytes.readInt16BE(at + 4)) return { kind: 'not-kafka' };
  }
  return { kind: 'kafka', apiCount: count };
}

/** An error in a few words: OpenSSL's messages run over several lines of internals, its code says it. */
function errorReason(error: NodeJS.ErrnoException): string {
  const firstLine = error.message.split('\n')[0] ?? '';
  if (error.code === undefined) return firstLine;
  if (error.code.startsWith('ERR_SSL_') || firstLine.length > 100) return error.code;
  return `${error.code}: ${firstLine}`;
}

function splitAddress(address: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(address.trim());
  if (match === null) throw new Error(`"${address}" is not host:port`);
  return { host: match[1] ?? '', port: Number(match[2]) };
}

/** Asks `address` (host:port) whether it is a Kafka broker; never throws, never waits past the timeout. */
export function probeKafka(address: string, options: KafkaProbeOptions = {}): Promise<KafkaProbeResult> {
  const timeoutMs = options.timeoutMs ?? KAFKA_PROBE_TIMEOUT_MS;
  const started = Date.now();
  let host: string;
  let port: number;
  try {
    ({ host, port } = splitAddress(address));
  } catch (error) {
    return Promise.resolve({ kind: 'unreachable', address, reason: (error as Error).message });
  }
  return new Promise((resolve) => {
    /** TCP up (and, with TLS, the handshake done): the request is out. */
    let connected = false;
    let tcpUp = false;
    let received = Buffer.alloc(0);
    let socket: Socket;
    const finish = (result: KafkaProbeResult) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(result);
    };
    const onConnected = () => {
      connected = true;
      socket.write(apiVersionsRequest());
    };
    if (options.tls === undefined) {
      socket = connectTcp({ host, port }, onConnected);
    } else {
      socket = connectTls({ host, port, servername: host, ...tlsOptions(options.tls) }, onConnected);
    }
    socket.once('connect', () => {
      tcpUp = true;
    });
    const timer = setTimeout(() => {
      finish(
        connected
          ? { kind: 'no-answer', address, waitedMs: timeoutMs }
          : tcpUp
            ? { kind: 'tls-failed', address, reason: `no TLS handshake within ${timeoutMs / 1000} s` }
            : { kind: 'unreachable', address, reason: `no connection within ${timeoutMs / 1000} s` },
      );
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const verdict = judge(received);
      if (verdict.kind === 'kafka')
        finish({ kind: 'kafka', address, apiCount: verdict.apiCount, ms: Date.now() - started });
      else if (verdict.kind === 'not-kafka') finish({ kind: 'not-kafka', address, got: `answered ${shown(received)}` });
    });
    socket.on('end', () => {
      if (options.tls !== undefined && !connected) {
        finish({ kind: 'tls-failed', address, reason: 'the connection was closed during the TLS handshake' });
        return;
      }
      finish({
        kind: 'not-kafka',
        address,
        got:
          received.length === 0
            ? 'closed the connection without answering'
            : `answered ${shown(received)}, then closed the connection`,
      });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const reason = errorReason(error);
      if (options.tls !== undefined && !connected && tcpUp) {
        // The TCP connection stood; the TLS handshake on it failed.
        finish({ kind: 'tls-failed', address, reason });
      } else if (connected) {
        finish({
          kind: 'not-kafka',
          address,
          got:
            received.length === 0
              ? `broke the connection without answering (${reason})`
              : `answered ${shown(received)}, then broke the connection`,
        });
      } else {
        finish({ kind: 'unreachable', address, reason });
      }
    });
  });
}

/** Probes every bootstrap address at once: the first Kafka answer, or every address's result when none is Kafka. */
export async function probeBrokers(
  brokers: readonly string[],
  options: KafkaProbeOptions = {},
): Promise<{ ok: true; kafka: KafkaProbeResult & { kind: 'kafka' } } | { ok: false; results: KafkaProbeResult[] }> {
  const results = await Promise.all(brokers.map((broker) => probeKafka(broker, options)));
  const kafka = results.find((r): r is KafkaProbeResult & { kind: 'kafka' } => r.kind === 'kafka');
  return kafka === undefined ? { ok: false, results } : { ok: true, kafka };
}

/** The result as one line, e.g. `localhost:8080 is not Kafka: it answered "HTTP/1.1 400 Bad Request" to a Kafka ApiVersions request`. */
export function kafkaProbeMessage(result: KafkaProbeResult): string {
  switch (result.kind) {
    case 'kafka':
      return `${result.address} is a Kafka broker (it answered ApiVersions in ${result.ms} ms)`;
    case 'unreachable':
      return `${result.address} is unreachable (${result.reason}): check the address and that the broker runs`;
    case 'no-answer':
      return `${result.address} accepted the connection but did not answer a Kafka ApiVersions request within ${result.waitedMs / 1000} s: not Kafka, or a TLS listener (then set KAFKA_SSL=true)`;
    case 'not-kafka':
      return `${result.address} is not Kafka: to a Kafka ApiVersions request it ${result.got}${/closed|broke/.test(result.got) ? ' (a TLS listener does that to a plain connection: then set KAFKA_SSL=true)' : ''}`;
    case 'tls-failed':
      return `${result.address}: the TLS handshake failed (${result.reason}): not a TLS listener (unset KAFKA_SSL), or a certificate this run does not accept (KAFKA_SSL_CA_FILE)`;
  }
}
