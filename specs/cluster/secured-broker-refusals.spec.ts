/**
 * A broker with SASL_SSL (SCRAM-SHA-512 over TLS, certificates made now by openssl) and KRaft's
 * StandardAuthorizer, reached the way a user reaches theirs: KAFKA_RUNTIME=external with the
 * KAFKA_SSL_* and KAFKA_SASL_* variables. The right settings connect; a wrong password, an untrusted
 * CA, a host name the certificate does not list and a principal without ACLs each end the run's
 * setup with one line that names the cause and the variable to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useExternalBroker } from '#support/broker/external/index.js';
import { BrokerSetupError, readBrokerSettings, RUN_NAMESPACE_PREFIX } from '#support/broker/index.js';
import { requireJava, resolveKafkaLibs, type SecuredBroker, startSecuredBroker } from '#support/broker/jvm/index.js';
import { say } from '#support/cluster/index.js';

const SUPER = { username: 'admin', password: 'admin-secret' };
const APP = { username: 'app', password: 'app-secret' };
const STRANGER = { username: 'stranger', password: 'stranger-secret' };

describe('a SASL_SSL broker (SCRAM-SHA-512 over TLS, StandardAuthorizer) reached as KAFKA_RUNTIME=external', () => {
  let secured: SecuredBroker | undefined;

  beforeAll(async () => {
    const libs = await resolveKafkaLibs(readBrokerSettings(), say);
    secured = await startSecuredBroker(libs, await requireJava(), {
      superUser: SUPER,
      runUser: APP,
      otherUsers: [STRANGER],
      heap: '512m',
    });
    say(
      `SASL_SSL broker at ${secured.broker.bootstrapServers} ready in ${(secured.broker.readyInMs / 1000).toFixed(1)} s`,
    );
  });

  afterAll(async () => {
    await secured?.stop();
  });

  /** The environment a user sets for their secured cluster (docs/operations.md, "A secured cluster"). */
  const ready = (): SecuredBroker => {
    if (secured === undefined) throw new Error('the secured broker did not start (see beforeAll)');
    return secured;
  };
  const env = (overrides: Record<string, string> = {}): Record<string, string> => ({
    ...ready().envFor(APP),
    ...overrides,
  });

  /** Runs the external runtime's setup and returns its one line, and how long it took to say it. */
  const refusal = async (overrides: () => Record<string, string>, what: string): Promise<string> => {
    const started = Date.now();
    const outcome = await useExternalBroker(
      readBrokerSettings(env(overrides())),
      `${RUN_NAMESPACE_PREFIX}secured-${Date.now().toString(36)}`,
    ).then(
      async (running) => {
        await running.stop();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(outcome, `${what}: the setup should be refused with a BrokerSetupError`).toBeInstanceOf(BrokerSetupError);
    const line = (outcome as Error).message;
    say(`${what} (${((Date.now() - started) / 1000).toFixed(1)} s): ${line}`);
    expect(line.split('\n'), `${what}: one line`).toHaveLength(1);
    return line;
  };

  it('connects with the right settings: TLS trusted, SCRAM-SHA-512 login, ACLs on the run prefix', async () => {
    const running = await useExternalBroker(
      readBrokerSettings(env()),
      `${RUN_NAMESPACE_PREFIX}secured-${Date.now().toString(36)}`,
    );
    expect(running.description).toContain('1 broker(s)');
    await running.stop();
  });

  it('a wrong password names KAFKA_SASL_PASSWORD', async () => {
    const line = await refusal(() => ({ KAFKA_SASL_PASSWORD: 'not-the-password' }), 'wrong password');
    expect(line).toMatch(/refused the SCRAM-SHA-512 login.*KAFKA_SASL_PASSWORD/);
  });

  it('a CA that did not sign the certificate names KAFKA_SSL_CA_FILE', async () => {
    const line = await refusal(() => ({ KAFKA_SSL_CA_FILE: ready().certs.otherCaFile }), 'untrusted CA');
    expect(line).toMatch(/not signed by a CA this run trusts.*KAFKA_SSL_CA_FILE/);
  });

  it('a host name the certificate does not list names KAFKA_BROKERS', async () => {
    const line = await refusal(
      () => ({ KAFKA_BROKERS: ready().broker.bootstrapServers.replace(ready().certs.hostname, '127.0.0.1') }),
      'host name mismatch',
    );
    expect(line).toMatch(/^KAFKA_BROKERS=127\.0\.0\.1:\d+: the broker's TLS certificate is for another host name/);
  });

  it('a principal without ACLs on the run prefix names the ACLs and KAFKA_SASL_USERNAME', async () => {
    const line = await refusal(
      () => ({ KAFKA_SASL_USERNAME: STRANGER.username, KAFKA_SASL_PASSWORD: STRANGER.password }),
      'missing ACL',
    );
    expect(line).toMatch(/^KAFKA_SASL_USERNAME=stranger is missing an ACL.*"spec-".*KAFKA_SASL_USERNAME/);
  });
});
