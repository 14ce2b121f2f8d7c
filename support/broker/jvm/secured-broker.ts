/**
 * A local broker secured as a production cluster often is: SASL_SSL (SCRAM-SHA-512 over TLS, with
 * certificates made now by openssl) and KRaft's StandardAuthorizer. Its super user sets it up; the
 * suite's own principal gets exactly what a run needs: everything on topics and consumer groups
 * whose names start with the run prefix, nothing else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Kafka,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from '@kafka-event-spec/events';
import { kafkajsConfig } from '../kafkajs-config.js';
import { RUN_NAMESPACE_PREFIX } from '../running-broker.js';
import type { KafkaLibs } from './kafka-jars.js';
import { KafkaJvmBroker, type StartedKafkaJvmBroker } from './kafka-jvm-broker.js';
import { makeTestCertificates, type TestCertificates } from './test-certificates.js';

export interface Login {
  username: string;
  password: string;
}

export interface SecuredBroker {
  broker: StartedKafkaJvmBroker;
  certs: TestCertificates;
  /** The environment of a run against it as `user` (KAFKA_RUNTIME=external, KAFKA_SSL_*, KAFKA_SASL_*). */
  envFor(user: Login): Record<string, string>;
  /** A kafkajs client as the super user, to set up what a spec needs. */
  superClient(clientId: string): InstanceType<typeof Kafka>;
  stop(): Promise<void>;
}

/**
 * ALL on topics, groups and transactional ids under the run prefix (PREFIXED): what `npm test`
 * needs, and no more. Transactional ids: step 9's transactional producers (theirs start with the prefix too).
 */
export function runPrefixAcls(username: string) {
  return [AclResourceTypes.TOPIC, AclResourceTypes.GROUP, AclResourceTypes.TRANSACTIONAL_ID].map((resourceType) => ({
    resourceType,
    resourceName: RUN_NAMESPACE_PREFIX,
    resourcePatternType: ResourcePatternTypes.PREFIXED,
    principal: `User:${username}`,
    host: '*',
    operation: AclOperationTypes.ALL,
    permissionType: AclPermissionTypes.ALLOW,
  }));
}

export async function startSecuredBroker(
  libs: KafkaLibs,
  java: string,
  options: { superUser: Login; runUser: Login; otherUsers?: Login[]; heap?: string; startupTimeoutMs?: number },
): Promise<SecuredBroker> {
  const certDir = mkdtempSync(join(tmpdir(), 'kafka-event-spec-certs-'));
  let broker: StartedKafkaJvmBroker | undefined;
  try {
    const certs = makeTestCertificates(certDir);
    broker = await new KafkaJvmBroker(libs, java)
      .withHeap(options.heap ?? '768m')
      .withStartupTimeout(options.startupTimeoutMs ?? 120_000)
      .withSaslScram({
        mechanism: 'SCRAM-SHA-512',
        superUser: options.superUser,
        users: [options.runUser, ...(options.otherUsers ?? [])],
        tls: { keystorePemFile: certs.brokerKeystoreFile, truststorePemFile: certs.caFile, hostname: certs.hostname },
      })
      .start();
    const started = broker;
    const superClient = (clientId: string) =>
      new Kafka(
        kafkajsConfig({ brokers: [started.bootstrapServers], tls: started.tls, sasl: started.superUser }, clientId),
      );
    const admin = superClient('secured-broker-setup').admin();
    await admin.connect();
    try {
      await admin.createAcls({ acl: runPrefixAcls(options.runUser.username) });
    } finally {
      await admin.disconnect();
    }
    return {
      broker: started,
      certs,
      superClient,
      envFor: (user) => ({
        KAFKA_RUNTIME: 'external',
        KAFKA_BROKERS: started.bootstrapServers,
        KAFKA_SSL_CA_FILE: certs.caFile,
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: user.username,
        KAFKA_SASL_PASSWORD: user.password,
      }),
      stop: async () => {
        await started.stop();
        rmSync(certDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await broker?.stop();
    rmSync(certDir, { recursive: true, force: true });
    throw error;
  }
}
