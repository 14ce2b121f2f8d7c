/**
 * A broker with SASL_SSL (SCRAM-SHA-512 over TLS, certificates made now by openssl) and KRaft's
 * StandardAuthorizer, reached the way a user reaches theirs: KAFKA_RUNTIME=external with the
 * KAFKA_SSL_* and KAFKA_SASL_* variables. The right settings connect; a wrong password, an untrusted
 * CA, a host name the certificate does not list and a principal without ACLs each end the run's
 * setup with one line that names the cause and the variable to fix.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerSetupError } from '../../support/broker/broker-setup-error.js';
import { useExternalBroker } from '../../support/broker/external/external-runtime.js';
import { resolveKafkaLibs } from '../../support/broker/jvm/kafka-jars.js';
import { KafkaJvmBroker, type StartedKafkaJvmBroker } from '../../support/broker/jvm/kafka-jvm-broker.js';
import { requireJava } from '../../support/broker/jvm/jvm-runtime.js';
import { makeTestCertificates, type TestCertificates } from '../../support/broker/jvm/test-certificates.js';
import { kafkajsConfig } from '../../support/broker/kafkajs-config.js';
import { RUN_NAMESPACE_PREFIX } from '../../support/broker/running-broker.js';
import { readBrokerSettings } from '../../support/broker/settings.js';
import { say } from '../../support/cluster/fault-bench.js';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes } from '../../support/kafkajs.js';

const SUPER = { username: 'admin', password: 'admin-secret' };
const APP = { username: 'app', password: 'app-secret' };
const STRANGER = { username: 'stranger', password: 'stranger-secret' };

/** What the suite's principal may do: everything, on topics and groups under the run prefix, and nothing else. */
const APP_ACLS = [AclResourceTypes.TOPIC, AclResourceTypes.GROUP].map((resourceType) => ({
  resourceType,
  resourceName: RUN_NAMESPACE_PREFIX,
  resourcePatternType: ResourcePatternTypes.PREFIXED,
  principal: `User:${APP.username}`,
  host: '*',
  operation: AclOperationTypes.ALL,
  permissionType: AclPermissionTypes.ALLOW,
}));

describe('a SASL_SSL broker (SCRAM-SHA-512 over TLS, StandardAuthorizer) reached as KAFKA_RUNTIME=external', () => {
  let certDir: string | undefined;
  let certs: TestCertificates;
  let broker: StartedKafkaJvmBroker | undefined;

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'kafka-event-spec-certs-'));
    certs = makeTestCertificates(certDir);
    const libs = await resolveKafkaLibs(readBrokerSettings(), say);
    broker = await new KafkaJvmBroker(libs, await requireJava())
      .withHeap('512m')
      .withSaslScram({
        mechanism: 'SCRAM-SHA-512',
        superUser: SUPER,
        users: [APP, STRANGER],
        tls: { keystorePemFile: certs.brokerKeystoreFile, truststorePemFile: certs.caFile, hostname: certs.hostname },
      })
      .start();
    const admin = new Kafka(kafkajsConfig({ brokers: [broker.bootstrapServers], tls: broker.tls, sasl: broker.superUser }, 'secured-setup')).admin();
    await admin.connect();
    await admin.createAcls({ acl: APP_ACLS });
    await admin.disconnect();
    say(`SASL_SSL broker at ${broker.bootstrapServers} ready in ${(broker.readyInMs / 1000).toFixed(1)} s`);
  });

  afterAll(async () => {
    await broker?.stop();
    if (certDir !== undefined) rmSync(certDir, { recursive: true, force: true });
  });

  /** The environment a user sets for their secured cluster (README, "A secured cluster"). */
  const env = (overrides: Record<string, string> = {}): Record<string, string> => {
    if (broker === undefined) throw new Error('the secured broker did not start (see beforeAll)');
    return {
      KAFKA_RUNTIME: 'external',
      KAFKA_BROKERS: broker.bootstrapServers,
      KAFKA_SSL_CA_FILE: certs.caFile,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: APP.username,
      KAFKA_SASL_PASSWORD: APP.password,
      ...overrides,
    };
  };

  /** Runs the external runtime's setup and returns its one line, and how long it took to say it. */
  const refusal = async (overrides: () => Record<string, string>, what: string): Promise<string> => {
    const started = Date.now();
    const outcome = await useExternalBroker(readBrokerSettings(env(overrides())), `${RUN_NAMESPACE_PREFIX}secured-${Date.now().toString(36)}`).then(
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
    const running = await useExternalBroker(readBrokerSettings(env()), `${RUN_NAMESPACE_PREFIX}secured-${Date.now().toString(36)}`);
    expect(running.description).toContain('1 broker(s)');
    await running.stop();
  });

  it('a wrong password names KAFKA_SASL_PASSWORD', async () => {
    const line = await refusal(() => ({ KAFKA_SASL_PASSWORD: 'not-the-password' }), 'wrong password');
    expect(line).toMatch(/refused the SCRAM-SHA-512 login.*KAFKA_SASL_PASSWORD/);
  });

  it('a CA that did not sign the certificate names KAFKA_SSL_CA_FILE', async () => {
    const line = await refusal(() => ({ KAFKA_SSL_CA_FILE: certs.otherCaFile }), 'untrusted CA');
    expect(line).toMatch(/not signed by a CA this run trusts.*KAFKA_SSL_CA_FILE/);
  });

  it('a host name the certificate does not list names KAFKA_BROKERS', async () => {
    const line = await refusal(() => ({ KAFKA_BROKERS: (broker?.bootstrapServers ?? '').replace(certs.hostname, '127.0.0.1') }), 'host name mismatch');
    expect(line).toMatch(/^KAFKA_BROKERS=127\.0\.0\.1:\d+: the broker's TLS certificate is for another host name/);
  });

  it('a principal without ACLs on the run prefix names the ACLs and KAFKA_SASL_USERNAME', async () => {
    const line = await refusal(() => ({ KAFKA_SASL_USERNAME: STRANGER.username, KAFKA_SASL_PASSWORD: STRANGER.password }), 'missing ACL');
    expect(line).toMatch(/^KAFKA_SASL_USERNAME=stranger is missing an ACL.*"spec-".*KAFKA_SASL_USERNAME/);
  });
});
