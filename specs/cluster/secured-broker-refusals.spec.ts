/**
 * A broker with SASL_SSL (SCRAM-SHA-512 over TLS, certificates made now by openssl) and KRaft's
 * StandardAuthorizer, reached the way a user reaches theirs: KAFKA_RUNTIME=external with the
 * KAFKA_SSL_* and KAFKA_SASL_* variables. The right settings connect; a wrong password, an untrusted
 * CA, a host name the certificate does not list and a principal without ACLs each end the run's
 * setup with one line that names the cause and the variable to fix.
 */
import { describe, expect } from 'vitest';
import { useExternalBroker } from '#support/broker/external/index.js';
import { BrokerSetupError, readBrokerSettings, RUN_NAMESPACE_PREFIX } from '#support/broker/index.js';
import type { SecuredBroker } from '#support/broker/jvm/index.js';
import { say } from '#support/cluster/index.js';
import { securedBrokerTest } from '#support/fixtures/index.js';

const SUPER = { username: 'admin', password: 'admin-secret' };
const APP = { username: 'app', password: 'app-secret' };
const STRANGER = { username: 'stranger', password: 'stranger-secret' };

const it = securedBrokerTest({ superUser: SUPER, runUser: APP, otherUsers: [STRANGER], heap: '512m' });

describe('a SASL_SSL broker (SCRAM-SHA-512 over TLS, StandardAuthorizer) reached as KAFKA_RUNTIME=external', () => {
  /** The environment a user sets for their secured cluster (docs/operations.md, "A secured cluster"). */
  const env = (secured: SecuredBroker, overrides: Record<string, string> = {}): Record<string, string> => ({
    ...secured.envFor(APP),
    ...overrides,
  });

  /** Runs the external runtime's setup and returns its one line, and how long it took to say it. */
  const refusal = async (secured: SecuredBroker, what: string, overrides: Record<string, string>): Promise<string> => {
    const started = Date.now();
    const outcome = await useExternalBroker(
      readBrokerSettings(env(secured, overrides)),
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

  it('connects with the right settings: TLS trusted, SCRAM-SHA-512 login, ACLs on the run prefix', async ({
    secured,
  }) => {
    const running = await useExternalBroker(
      readBrokerSettings(env(secured)),
      `${RUN_NAMESPACE_PREFIX}secured-${Date.now().toString(36)}`,
    );
    expect(running.description).toContain('1 broker(s)');
    await running.stop();
  });

  it('a wrong password names KAFKA_SASL_PASSWORD', async ({ secured }) => {
    const line = await refusal(secured, 'wrong password', { KAFKA_SASL_PASSWORD: 'not-the-password' });
    expect(line).toMatch(/refused the SCRAM-SHA-512 login.*KAFKA_SASL_PASSWORD/);
  });

  it('a CA that did not sign the certificate names KAFKA_SSL_CA_FILE', async ({ secured }) => {
    const line = await refusal(secured, 'untrusted CA', { KAFKA_SSL_CA_FILE: secured.certs.otherCaFile });
    expect(line).toMatch(/not signed by a CA this run trusts.*KAFKA_SSL_CA_FILE/);
  });

  it('a host name the certificate does not list names KAFKA_BROKERS', async ({ secured }) => {
    const line = await refusal(secured, 'host name mismatch', {
      KAFKA_BROKERS: secured.broker.bootstrapServers.replace(secured.certs.hostname, '127.0.0.1'),
    });
    expect(line).toMatch(/^KAFKA_BROKERS=127\.0\.0\.1:\d+: the broker's TLS certificate is for another host name/);
  });

  it('a principal without ACLs on the run prefix names the ACLs and KAFKA_SASL_USERNAME', async ({ secured }) => {
    const line = await refusal(secured, 'missing ACL', {
      KAFKA_SASL_USERNAME: STRANGER.username,
      KAFKA_SASL_PASSWORD: STRANGER.password,
    });
    expect(line).toMatch(/^KAFKA_SASL_USERNAME=stranger is missing an ACL.*"spec-".*KAFKA_SASL_USERNAME/);
  });
});
