/**
 * Why an external cluster refused this run, as one line that names the cause and the variable to
 * fix: a wrong password, a certificate from a CA the run does not trust, a certificate for another
 * host name, or a principal without the ACLs the run needs. Anything else: undefined (the caller
 * keeps its generic "unreachable" line).
 */
import type { BrokerSettings } from '../settings.js';

interface ErrorFacts {
  name?: unknown;
  type?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
}

/** The error and every error it wraps (kafkajs nests them as cause or originalError). */
function chain(error: unknown): ErrorFacts[] {
  const found: ErrorFacts[] = [];
  for (let e: unknown = error; typeof e === 'object' && e !== null && found.length < 10;) {
    const facts = e as ErrorFacts;
    found.push(facts);
    e = facts.cause ?? facts.originalError ?? (Array.isArray(facts.errors) ? (facts.errors[0] as unknown) : undefined);
  }
  return found;
}

const text = (facts: ErrorFacts): string =>
  [facts.name, facts.type, facts.code, facts.message].filter((v) => typeof v === 'string').join(' ');

const UNTRUSTED =
  /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_UNTRUSTED|self[- ]signed certificate|unable to (verify|get local issuer)/i;
const HOSTNAME = /ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/i;
const LOGIN = /KafkaJSSASLAuthenticationError|SASL_AUTHENTICATION_FAILED|authentication failed/i;
const NOT_ALLOWED = /(TOPIC|GROUP|CLUSTER)_AUTHORIZATION_FAILED|not authorized/i;

/** A failure that retrying cannot cure: waiting for the broker stops at once. */
export function isPermanentRefusal(error: unknown): boolean {
  return chain(error).some((facts) =>
    [UNTRUSTED, HOSTNAME, LOGIN, NOT_ALLOWED].some((pattern) => pattern.test(text(facts))),
  );
}

export function explainRefusal(
  error: unknown,
  settings: Pick<BrokerSettings, 'brokers' | 'tls' | 'sasl'>,
  namespacePrefix: string,
): string | undefined {
  const facts = chain(error);
  // The innermost match: its message is the broker's or the TLS stack's own words.
  const matching = (pattern: RegExp) => [...facts].reverse().find((f) => pattern.test(text(f)));
  const brokers = `KAFKA_BROKERS=${settings.brokers?.join(',') ?? ''}`;
  const detail = (f: ErrorFacts) => (typeof f.message === 'string' ? f.message : text(f));
  const user =
    settings.sasl === undefined ? 'this run (no KAFKA_SASL_USERNAME)' : `KAFKA_SASL_USERNAME=${settings.sasl.username}`;
  let found: ErrorFacts | undefined;
  if ((found = matching(HOSTNAME)) !== undefined) {
    return `${brokers}: the broker's TLS certificate is for another host name (${detail(found)}); put a host name the certificate lists in KAFKA_BROKERS.`;
  }
  if ((found = matching(UNTRUSTED)) !== undefined) {
    return `${brokers}: the broker's TLS certificate is not signed by a CA this run trusts (${detail(found)}); set KAFKA_SSL_CA_FILE to the CA that signed it.`;
  }
  if ((found = matching(LOGIN)) !== undefined) {
    const mechanism = settings.sasl?.mechanism.toUpperCase() ?? 'SASL';
    return `${user}: the broker refused the ${mechanism} login (${detail(found)}); check KAFKA_SASL_PASSWORD (and KAFKA_SASL_USERNAME, KAFKA_SASL_MECHANISM).`;
  }
  if ((found = matching(NOT_ALLOWED)) !== undefined) {
    return (
      `${user} is missing an ACL (${detail(found)}): the run needs, on topics and on consumer groups whose names start with "${namespacePrefix}" (PREFIXED), ` +
      `the operations ALL (or CREATE, DELETE, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS, READ, WRITE); grant them to that principal, or set KAFKA_SASL_USERNAME to one that has them.`
    );
  }
  return undefined;
}
