import { describe, expect } from 'vitest';
import type { Admin } from 'kafkajs';
import type { StartedKafkaJvmBroker } from '#support/broker/jvm/index.js';
import { it } from '#support/fixtures/index.js';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from '@kafka-event-spec/events';
import { brokerOfThisRun, notRunHere, shownRun } from '#support/run/index.js';
import { describePlan, resolveScriptKafka, scriptKafkaOfRun } from '#support/scripts/index.js';
import { prefixed, RETENTION_MS } from '#support/topics/index.js';
import {
  type ClusterSnapshot,
  expectClusterMatches,
  learnerClient,
  plantTopics,
  runVerifyCommand,
  snapshotCluster,
  startLearnerBroker,
  verifyErrorLines,
  type VerifyRunResult,
} from '#support/verify/index.js';

// verify needs only the rights to look: on a broker with SASL/SCRAM logins and KRaft's
// StandardAuthorizer, its principal holds DESCRIBE and DESCRIBE_CONFIGS on topics and nothing else.
const SUPER = { username: 'admin', password: 'admin-secret' };
const VERIFIER = { username: 'verifier', password: 'verifier-secret' };
const SETUP_MS = 240_000;

const plan = await scriptKafkaOfRun(brokerOfThisRun());
const shown = shownRun;

/** The verify principal may describe topics and their configs: nothing more. */
const VERIFIER_ACLS = [AclOperationTypes.DESCRIBE, AclOperationTypes.DESCRIBE_CONFIGS].map((operation) => ({
  resourceType: AclResourceTypes.TOPIC,
  resourceName: '*',
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal: `User:${VERIFIER.username}`,
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
}));

if (plan.kind === 'unavailable') {
  describe(`npm run verify with least privilege (${describePlan(plan)})`, () => {
    notRunHere(
      'verify passes with only DESCRIBE and DESCRIBE_CONFIGS, and fails on a drifted topic',
      `verify with least privilege cannot run here: ${plan.reason}`,
    );
  });
} else {
  describe(`npm run verify with only DESCRIBE and DESCRIBE_CONFIGS (SASL/SCRAM, StandardAuthorizer, ${describePlan(plan)})`, () => {
    let learner: StartedKafkaJvmBroker;
    let admin: Admin;
    let before: ClusterSnapshot;
    let after: ClusterSnapshot;
    const runs = new Map<string, VerifyRunResult>();
    const as = (password: string) => ({
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_SASL_USERNAME: VERIFIER.username,
      KAFKA_SASL_PASSWORD: password,
    });

    it.beforeAll(async () => {
      const kafka = await resolveScriptKafka(plan);
      learner = await startLearnerBroker(kafka, (broker) =>
        broker.withSaslScram({ superUser: SUPER, users: [VERIFIER] }),
      );
      admin = learnerClient(learner, 'verify-least-privilege').admin();
      await admin.connect();
      await admin.createAcls({ acl: VERIFIER_ACLS });
      await plantTopics(admin, prefixed('ok.'));
      await plantTopics(
        admin,
        prefixed('drift.').map((t) =>
          t.name === 'OrderReceived' ? { ...t, configs: { ...t.configs, [RETENTION_MS]: '10800000' } } : t,
        ),
      );

      before = await snapshotCluster(admin);
      const run = async (key: string, env: Record<string, string>) => {
        runs.set(key, await runVerifyCommand({ KAFKA_BROKERS: learner.bootstrapServers, ...env }));
      };
      await Promise.all([
        run('ok', { ...as(VERIFIER.password), TOPIC_PREFIX: 'ok.' }),
        run('drift', { ...as(VERIFIER.password), TOPIC_PREFIX: 'drift.' }),
        run('wrong password', { ...as('not-the-password'), TOPIC_PREFIX: 'ok.' }),
      ]);
      after = await snapshotCluster(admin);
    }, SETUP_MS);

    it.afterAll(async () => {
      // beforeAll may have failed before these were set.
      await (admin as Admin | undefined)?.disconnect();
      await (learner as StartedKafkaJvmBroker | undefined)?.stop();
    });

    it('the verify principal really may not write: creating a topic as it is refused', async () => {
      const verifier = learnerClient(learner, 'verify-least-privilege-probe', {
        mechanism: 'scram-sha-256',
        ...VERIFIER,
      }).admin();
      await verifier.connect();
      try {
        const refused: unknown = await verifier.createTopics({ topics: [{ topic: 'ok.NotAllowed' }] }).then(
          () => 'created',
          (error: unknown) => error,
        );
        // kafkajs gathers the per-topic errors of CreateTopics in an aggregate error.
        expect(refused).toMatchObject({ errors: [expect.objectContaining({ type: 'TOPIC_AUTHORIZATION_FAILED' })] });
        expect(await admin.listTopics()).not.toContain('ok.NotAllowed');
      } finally {
        await verifier.disconnect();
      }
    });

    it('on topics as the milestone says, verify passes with that principal', () => {
      expectClusterMatches(runs.get('ok'));
    });

    it('on a drifted topic (OrderReceived at 3 hours), verify fails with step 4, 3 days vs 3 hours and the fix', () => {
      const result = runs.get('drift');
      expect(result?.exitCode, shown(result)).not.toBe(0);
      expect(result?.output, shown(result)).toContain(
        'step 4: OrderReceived retention.ms: expected 259200000 (3 days), set on the topic; got 10800000 (3 hours), set on the topic',
      );
      expect(result?.output, shown(result)).toContain(
        '--entity-name drift.OrderReceived --alter --add-config retention.ms=259200000 --command-config client.properties',
      );
    });

    it('a wrong password is one line that says the credentials were refused', () => {
      const result = runs.get('wrong password');
      expect(result?.exitCode, shown(result)).not.toBe(0);
      const lines = result === undefined ? [] : verifyErrorLines(result);
      expect(lines, shown(result)).toEqual([
        expect.stringMatching(/^verify: KAFKA_BROKERS=\S+ refused the credentials of KAFKA_SASL_USERNAME=verifier: /),
      ]);
    });

    it('changes nothing on the cluster', () => {
      expect(after, 'the cluster changed while verify ran').toEqual(before);
    });
  });
}
