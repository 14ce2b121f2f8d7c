import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { ConfigResourceTypes } from '#support/lib/index.js';
import { brokerOfThisRun, notRunHere, uniqueName } from '#support/run/index.js';
import {
  describePlan,
  ForegroundScript,
  processesMentioning,
  resolveScriptKafka,
  scriptBrokerClient,
  scriptBrokerSetup,
  type ScriptBrokerSetup,
  scriptKafkaOfRun,
  sendAndReadBack,
  untilBrokerAnswers,
} from '#support/scripts/index.js';

const plan = await scriptKafkaOfRun(brokerOfThisRun());
const BOOT_AND_STOP_MS = 240_000;
/** The JVM ends with 128 + the signal's number after its shutdown hook (Kafka's clean shutdown) ran. */
const EXIT_AFTER_SIGTERM = 128 + 15;
const EXIT_AFTER_CTRL_C = 128 + 2;
const SHUTDOWN_COMPLETED = /\[BrokerServer id=1\] shut down completed/;

if (plan.kind === 'unavailable') {
  describe(`Step 8: scripts/shell/start_kafka.sh starts a KRaft broker (${describePlan(plan)})`, () => {
    notRunHere(
      'starts a broker in the foreground, keeps its storage across restarts, and stops cleanly',
      `start_kafka.sh cannot run here: ${plan.reason}`,
    );
  });
} else {
  describe(
    `Step 8: scripts/shell/start_kafka.sh starts a KRaft broker in the foreground (${describePlan(plan)})`,
    { timeout: BOOT_AND_STOP_MS },
    () => {
      const workDir = mkdtempSync(join(tmpdir(), 'step-8-start-kafka-'));
      let setup: ScriptBrokerSetup;
      let broker: ForegroundScript | undefined;
      let firstClusterId = '';
      const topic = uniqueName('step-8-start-kafka');

      beforeAll(async () => {
        setup = await scriptBrokerSetup(await resolveScriptKafka(plan), workDir);
      });

      afterAll(async () => {
        await broker?.ensureStopped();
        rmSync(workDir, { recursive: true, force: true });
      });

      it('formats the storage with a new cluster id on the first start, then runs broker and controller in one process', async () => {
        broker = ForegroundScript.start('start_kafka.sh', [], setup.env);
        const { clusterId } = await untilBrokerAnswers(broker, setup.bootstrap);
        firstClusterId = clusterId;

        expect(broker.log()).toContain(
          `formatting storage in ${setup.env.KAFKA_DATA_DIR ?? ''} with cluster id ${clusterId} (first start)`,
        );
        expect(existsSync(join(setup.env.KAFKA_DATA_DIR ?? '', 'meta.properties'))).toBe(true);

        const admin = scriptBrokerClient(setup.bootstrap, 'step-8-start-kafka').admin();
        await admin.connect();
        try {
          const configs = await admin.describeConfigs({
            includeSynonyms: false,
            resources: [
              {
                type: ConfigResourceTypes.BROKER,
                name: '1',
                configNames: ['process.roles', 'auto.create.topics.enable'],
              },
            ],
          });
          const entries = Object.fromEntries(
            (configs.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]),
          );
          expect(entries).toEqual({ 'process.roles': 'broker,controller', 'auto.create.topics.enable': 'false' });
        } finally {
          await admin.disconnect();
        }
      });

      it('serves a kafkajs client: a topic is created, an order event sent and read back unchanged', async () => {
        const event = JSON.stringify({ type: 'OrderReceived', orderId: 'order-8' });
        const kafka = scriptBrokerClient(setup.bootstrap, 'step-8-start-kafka');

        const readBack = await sendAndReadBack(
          kafka,
          { topic, groupId: uniqueName('step-8-start-kafka') },
          { key: 'order-8', value: event },
        );

        expect(readBack).toBe(event);
      });

      it('stops cleanly on SIGTERM (as on Ctrl-C): Kafka shuts down, the process exits, no JVM is left behind', async () => {
        const running = broker;
        if (running === undefined) throw new Error('the broker of the first step did not start');

        const exit = await running.stop();

        expect(exit).toEqual({ code: EXIT_AFTER_SIGTERM, signal: null });
        expect(running.log()).toMatch(SHUTDOWN_COMPLETED);
        expect(await processesMentioning(workDir)).toEqual([]);
      });

      it('started again on the same directory, it keeps its storage (no new format, same cluster id, same topics); Ctrl-C stops it as cleanly', async () => {
        broker = ForegroundScript.start('start_kafka.sh', [], setup.env);
        const { clusterId } = await untilBrokerAnswers(broker, setup.bootstrap);

        expect(broker.log()).toContain(`storage in ${setup.env.KAFKA_DATA_DIR ?? ''} is already formatted`);
        expect(broker.log()).not.toContain('formatting storage');
        expect(clusterId).toBe(firstClusterId);
        const admin = scriptBrokerClient(setup.bootstrap, 'step-8-start-kafka').admin();
        await admin.connect();
        try {
          expect(await admin.listTopics()).toContain(topic);
        } finally {
          await admin.disconnect();
        }

        expect(await broker.stop({ signal: 'SIGINT' })).toEqual({ code: EXIT_AFTER_CTRL_C, signal: null });
        expect(broker.log()).toMatch(SHUTDOWN_COMPLETED);
        expect(await processesMentioning(workDir)).toEqual([]);
      });
    },
  );
}
