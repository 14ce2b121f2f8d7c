import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { it } from '#support/fixtures/index.js';
import { ConfigResourceTypes } from '@kafka-event-spec/events';
import { brokerOfThisRun, notRunHere, uniqueName } from '#support/run/index.js';
import {
  describePlan,
  ForegroundScript,
  type ProcessLine,
  processesMentioning,
  resolveScriptKafka,
  scriptBrokerClient,
  scriptBrokerSetup,
  type ScriptBrokerSetup,
  scriptKafkaOfRun,
  type ScriptExit,
  sendAndReadBack,
  untilBrokerAnswers,
  Walkthrough,
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
      let broker: ForegroundScript | undefined;
      const topic = uniqueName('step-8-start-kafka');

      /** How a stop went: the exit, the log up to it, and the processes still mentioning the work directory. */
      const stop = async (running: ForegroundScript, signal?: 'SIGINT' | 'SIGTERM') => {
        const exit: ScriptExit = await running.stop(signal === undefined ? undefined : { signal });
        const left: ProcessLine[] = await processesMentioning(workDir);
        return { exit, log: running.log(), left };
      };

      // A broker's life is the lesson, in order: first start, use, stop, start again. It runs once,
      // in the hook below, which asserts nothing and records what each stage showed; each test
      // asserts on its stage.
      const life = new Walkthrough<ScriptBrokerSetup>();
      const firstStart = life.step('the first start', async (setup) => {
        broker = ForegroundScript.start('start_kafka.sh', [], setup.env);
        const { clusterId } = await untilBrokerAnswers(broker, setup.bootstrap);
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
          return {
            clusterId,
            dataDir: setup.env.KAFKA_DATA_DIR ?? '',
            log: broker.log(),
            formatted: existsSync(join(setup.env.KAFKA_DATA_DIR ?? '', 'meta.properties')),
            entries: Object.fromEntries(
              (configs.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]),
            ),
          };
        } finally {
          await admin.disconnect();
        }
      });
      const event = JSON.stringify({ type: 'OrderReceived', orderId: 'order-8' });
      const served = life.step('a kafkajs client on the first start', (setup) =>
        sendAndReadBack(
          scriptBrokerClient(setup.bootstrap, 'step-8-start-kafka'),
          { topic, groupId: uniqueName('step-8-start-kafka') },
          { key: 'order-8', value: event },
        ),
      );
      const stoppedBySigterm = life.step('SIGTERM to the first start', async () => {
        if (broker === undefined) throw new Error('the broker of the first start did not start');
        return stop(broker);
      });
      const restarted = life.step('the start on the same directory', async (setup) => {
        broker = ForegroundScript.start('start_kafka.sh', [], setup.env);
        const { clusterId } = await untilBrokerAnswers(broker, setup.bootstrap);
        const log = broker.log();
        const admin = scriptBrokerClient(setup.bootstrap, 'step-8-start-kafka').admin();
        await admin.connect();
        let topics: string[];
        try {
          topics = await admin.listTopics();
        } finally {
          await admin.disconnect();
        }
        return {
          clusterId,
          dataDir: setup.env.KAFKA_DATA_DIR ?? '',
          log,
          topics,
          stopped: await stop(broker, 'SIGINT'),
        };
      });

      it.beforeAll(async () => {
        await life.run(await scriptBrokerSetup(await resolveScriptKafka(plan), workDir));
      }, 4 * BOOT_AND_STOP_MS);

      it.afterAll(async () => {
        await broker?.ensureStopped();
        rmSync(workDir, { recursive: true, force: true });
      });

      it('formats the storage with a new cluster id on the first start, then runs broker and controller in one process', () => {
        const { clusterId, dataDir, log, formatted, entries } = firstStart.result();

        expect(log).toContain(`formatting storage in ${dataDir} with cluster id ${clusterId} (first start)`);
        expect(formatted).toBe(true);
        expect(entries).toEqual({ 'process.roles': 'broker,controller', 'auto.create.topics.enable': 'false' });
      });

      it('serves a kafkajs client: a topic is created, an order event sent and read back unchanged', () => {
        expect(served.result()).toBe(event);
      });

      it('stops cleanly on SIGTERM (as on Ctrl-C): Kafka shuts down, the process exits, no JVM is left behind', () => {
        const { exit, log, left } = stoppedBySigterm.result();

        expect(exit).toEqual({ code: EXIT_AFTER_SIGTERM, signal: null });
        expect(log).toMatch(SHUTDOWN_COMPLETED);
        expect(left).toEqual([]);
      });

      it('started again on the same directory, it keeps its storage (no new format, same cluster id, same topics); Ctrl-C stops it as cleanly', () => {
        const { clusterId, dataDir, log, topics, stopped } = restarted.result();

        expect(log).toContain(`storage in ${dataDir} is already formatted`);
        expect(log).not.toContain('formatting storage');
        expect(clusterId).toBe(firstStart.result().clusterId);
        expect(topics).toContain(topic);

        expect(stopped.exit).toEqual({ code: EXIT_AFTER_CTRL_C, signal: null });
        expect(stopped.log).toMatch(SHUTDOWN_COMPLETED);
        expect(stopped.left).toEqual([]);
      });
    },
  );
}
