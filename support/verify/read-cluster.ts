/**
 * Reading the user's cluster for verify, read-only: is it Kafka at all, then what it says about the
 * catalog's topics. Used by `npm run verify` (support/cli/verify.ts) and by the verify project's
 * globalSetup. Bad input and bad environments end in a VerifyInputError of one line.
 */
import { kafkaProbeMessage, probeBrokers } from '../broker/kafka-probe.js';
import { kafkajsConfig } from '../broker/kafkajs-config.js';
import { Kafka } from '@kafka-event-spec/events';
import { readClusterState, type ClusterState } from './cluster-state.js';
import { readVerifyTarget, VerifyInputError, type VerifyTarget } from './verify-target.js';

export interface VerifyRun {
  target: VerifyTarget;
  state: ClusterState;
  /** e.g. "cluster Xy3… (3 brokers) at kafka:9092". */
  cluster: string;
}

/** Bounded: a wrong address or a dropped packet ends in seconds, not kafkajs' default minutes. */
const CONNECT = {
  connectionTimeout: 5_000,
  requestTimeout: 15_000,
  retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 2_000 },
};

/** The error and, for kafkajs' aggregate errors, the Kafka error codes inside (e.g. TOPIC_AUTHORIZATION_FAILED). */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner =
    'errors' in error && Array.isArray(error.errors)
      ? error.errors.map((e: unknown) => (e as { type?: string }).type).filter((t) => t !== undefined)
      : [];
  const codes = inner.length > 0 ? ` (${[...new Set(inner)].join(', ')})` : '';
  return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}${codes}`;
}

/** Why the cluster could not be read, in one line that says what to do. */
function connectionProblem(target: VerifyTarget, error: unknown): VerifyInputError {
  const where = `KAFKA_BROKERS=${target.brokers.join(',')}`;
  const text = errorText(error);
  if (/SASL|authentication/i.test(text)) {
    return new VerifyInputError(
      `${where} refused the credentials of KAFKA_SASL_USERNAME=${target.sasl?.username ?? '(none)'}: ${text}. Check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.`,
    );
  }
  if (/AUTHORIZATION/i.test(text)) {
    return new VerifyInputError(
      `${where}: the principal may not read what verify needs (${text}): it needs DESCRIBE and DESCRIBE_CONFIGS on the catalog's topics.`,
    );
  }
  return new VerifyInputError(
    `${where} is unreachable: ${text}. Check the address, that the broker runs, its advertised.listeners, and the KAFKA_SSL_*/KAFKA_SASL_* settings.`,
  );
}

/**
 * Before kafkajs: is it Kafka at all? A port where something else answers is "not Kafka" within
 * seconds, where kafkajs retries and then calls it unreachable. A failed TLS handshake is left to
 * kafkajs, whose error names the certificate problem.
 */
async function probeTarget(target: VerifyTarget): Promise<void> {
  const probe = await probeBrokers(target.brokers, { tls: target.tls });
  if (probe.ok) return;
  const where = `KAFKA_BROKERS=${target.brokers.join(',')}`;
  const notKafka = probe.results.filter((r) => r.kind === 'not-kafka' || r.kind === 'no-answer');
  if (notKafka.length > 0) throw new VerifyInputError(`${where}: ${notKafka.map(kafkaProbeMessage).join('; ')}`);
  const unreachable = probe.results.filter((r) => r.kind === 'unreachable');
  if (unreachable.length === probe.results.length) {
    const reasons = unreachable.map((r) => `${r.address} (${r.reason})`).join(', ');
    throw new VerifyInputError(
      `${where} is unreachable: ${reasons}. Check the address, that the broker runs, its advertised.listeners, and the KAFKA_SSL_*/KAFKA_SASL_* settings.`,
    );
  }
}

async function readCluster(target: VerifyTarget): Promise<VerifyRun> {
  await probeTarget(target);
  const admin = new Kafka(kafkajsConfig(target, 'kafka-event-spec-verify', CONNECT)).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    const state = await readClusterState(
      admin,
      target.catalog.map((t) => t.name),
      target.prefix,
    );
    return {
      target,
      state,
      cluster: `cluster ${cluster.clusterId} (${cluster.brokers.length} broker(s)) at ${target.brokers.join(',')}`,
    };
  } catch (error) {
    throw connectionProblem(target, error);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** A prefix under which none of the catalog's topics exists is a typo, not five missing topics. */
function checkPrefix(run: VerifyRun): void {
  const { prefix, catalog } = run.target;
  if (prefix === '' || Object.values(run.state.topics).some((topic) => topic !== null)) return;
  throw new VerifyInputError(
    `TOPIC_PREFIX=${prefix} matches none of the catalog's ${catalog.length} topics on the cluster (looked for ${catalog.map((t) => `${prefix}${t.name}`).join(', ')}): check the prefix, or unset it.`,
  );
}

/** The target from the environment (catalog checked before any broker call), then its cluster. */
export async function readVerifyRun(env: Record<string, string | undefined> = process.env): Promise<VerifyRun> {
  const target = readVerifyTarget(env);
  const run = await readCluster(target);
  checkPrefix(run);
  return run;
}

/** What verify says first: which cluster, against which catalog; and where the catalog differs from the milestone. */
export function verifyHeaderLines(run: VerifyRun): string[] {
  const { target } = run;
  const prefix = target.prefix === '' ? '' : `, names prefixed "${target.prefix}"`;
  const lines = [`verify: read-only check of ${run.cluster} against ${target.catalogFile}${prefix}`];
  if (target.catalogDifferences.length > 0) {
    // Said, not failed: the cluster is checked against the milestone where the two disagree.
    lines.push(
      `your catalog differs from the milestone: ${target.catalogDifferences.join('; ')} (verify checks your cluster against the milestone)`,
    );
  }
  return lines;
}
