/**
 * Runs a command (`npm test` by default) against a local broker secured with SASL_SSL
 * (SCRAM-SHA-512 over TLS, certificates made now) and StandardAuthorizer ACLs, as an external
 * cluster: the command gets KAFKA_RUNTIME=external and the KAFKA_BROKERS, KAFKA_SSL_CA_FILE and
 * KAFKA_SASL_* variables of a principal that may do everything under the run prefix "spec-", only
 * look at the milestone's five topics (created here, for `npm run verify`'s checks), and read the
 * cluster's configs (step 1 checks auto.create.topics.enable).
 * The broker and its certificates are gone when the command ends; the exit code is the command's.
 *
 *   npx tsx support/cli/with-secured-kafka.ts            # npm test over SASL_SSL
 *   npx tsx support/cli/with-secured-kafka.ts npx vitest run specs/kafka/step-6-round-trips.spec.ts
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BrokerSetupError } from '../broker/broker-setup-error.js';
import { requireJava } from '../broker/jvm/jvm-runtime.js';
import { resolveKafkaLibs } from '../broker/jvm/kafka-jars.js';
import { startSecuredBroker } from '../broker/jvm/secured-broker.js';
import { readBrokerSettings } from '../broker/settings.js';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from '@kafka-event-spec/events';
import { createCatalogTopics } from '../topics/catalog-topics.js';
import { loadTopicCatalog } from '../topics/topic-catalog.js';

const say = (line: string) => {
  process.stdout.write(`secured-kafka: ${line}\n`);
};

async function main(): Promise<number> {
  const command = process.argv.slice(2);
  const [program, ...args] = command.length > 0 ? command : ['npm', 'test'];
  const settings = readBrokerSettings({ ...process.env, KAFKA_RUNTIME: 'jvm', KAFKA_BROKERS: undefined });
  const libs = await resolveKafkaLibs(settings, say);
  const runUser = { username: 'kafka-spec', password: randomBytes(12).toString('hex') };
  const secured = await startSecuredBroker(libs, await requireJava(), {
    superUser: { username: 'admin', password: randomBytes(12).toString('hex') },
    runUser,
    startupTimeoutMs: settings.bootTimeoutMs,
  });
  try {
    const admin = secured.superClient('secured-kafka-setup').admin();
    await admin.connect();
    try {
      await createCatalogTopics(admin, '');
      const looks = [AclOperationTypes.DESCRIBE, AclOperationTypes.DESCRIBE_CONFIGS].flatMap((operation) =>
        loadTopicCatalog().map(({ name }) => ({
          resourceType: AclResourceTypes.TOPIC,
          resourceName: name,
          resourcePatternType: ResourcePatternTypes.LITERAL,
          principal: `User:${runUser.username}`,
          host: '*',
          operation,
          permissionType: AclPermissionTypes.ALLOW,
        })),
      );
      // Step 1 reads the broker's auto.create.topics.enable: DescribeConfigs on the cluster resource.
      const clusterConfigs = {
        resourceType: AclResourceTypes.CLUSTER,
        resourceName: 'kafka-cluster',
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${runUser.username}`,
        host: '*',
        operation: AclOperationTypes.DESCRIBE_CONFIGS,
        permissionType: AclPermissionTypes.ALLOW,
      };
      await admin.createAcls({ acl: [...looks, clusterConfigs] });
    } finally {
      await admin.disconnect();
    }
    const env = secured.envFor(runUser);
    say(
      `Apache Kafka ${libs.kafkaVersion}, SASL_SSL at ${secured.broker.bootstrapServers}, ready in ${(secured.broker.readyInMs / 1000).toFixed(1)} s; running ${[program, ...args].join(' ')} with:`,
    );
    for (const [name, value] of Object.entries(env)) say(`  ${name}=${value}`);
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(program ?? 'npm', args, { stdio: 'inherit', env: { ...process.env, ...env } });
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        resolve(code ?? (signal === null ? 1 : 128));
      });
    });
  } finally {
    await secured.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(
      error instanceof BrokerSetupError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error),
    );
    process.exitCode = 1;
  },
);
