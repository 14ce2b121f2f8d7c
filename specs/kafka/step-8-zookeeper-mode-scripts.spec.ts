import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { freePort } from '#support/broker/jvm/index.js';
import { it } from '#support/fixtures/index.js';
import { ConfigResourceTypes } from '@kafka-event-spec/events';
import { brokerOfThisRun, notRunHere, uniqueName } from '#support/run/index.js';
import {
  askZooKeeper,
  describePlan,
  errorLines,
  ForegroundScript,
  planKafkaWithoutZooKeeper,
  planKafkaWithZooKeeper,
  planVersion,
  processesMentioning,
  resolveScriptKafka,
  runShellScript,
  SCRIPT_SERVER_BOOT_MS,
  SCRIPT_ZOOKEEPER_HEAP,
  scriptBrokerClient,
  scriptBrokerSetup,
  type ScriptBrokerSetup,
  type ScriptKafka,
  sendAndReadBack,
  untilBrokerAnswers,
  untilZooKeeperAnswers,
  Walkthrough,
} from '#support/scripts/index.js';

/** Fetching the other version's jars with Maven takes about 20 s the first time; then they are cached. */
const FETCH_MS = 600_000;
const BOOT_AND_STOP_MS = 240_000;
const EXIT_AFTER_SIGTERM = 143;

const broker = brokerOfThisRun();
const withoutZooKeeper = await planKafkaWithoutZooKeeper(broker);
const withZooKeeper = await planKafkaWithZooKeeper(broker);

describe(`Step 8: Kafka 4.x has no ZooKeeper: start_zookeeper.sh says so and fails (${describePlan(withoutZooKeeper)})`, () => {
  if (withoutZooKeeper.kind === 'unavailable') {
    notRunHere(
      'start_zookeeper.sh and start_kafka.sh --zookeeper refuse Kafka 4.x',
      `Kafka 4.x for the scripts: ${withoutZooKeeper.reason}`,
    );
    return;
  }
  let kafka: ScriptKafka;

  it.beforeAll(async () => {
    kafka = await resolveScriptKafka(withoutZooKeeper);
  }, FETCH_MS);

  it('start_zookeeper.sh exits with status 1 and one line: ZooKeeper was removed in Kafka 4.0', async () => {
    const run = await runShellScript('start_zookeeper.sh', [], {
      ...kafka.env,
      ZOOKEEPER_PORT: String(await freePort()),
    });

    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toEqual([
      expect.stringMatching(/^start_zookeeper\.sh: ZooKeeper was removed in Kafka 4\.0, .* holds Kafka 4\.\d+\.\d+/),
    ]);
  });

  it('start_kafka.sh --zookeeper refuses the same way, pointing to KRaft', async () => {
    const run = await runShellScript('start_kafka.sh', ['--zookeeper'], {
      ...kafka.env,
      KAFKA_PORT: String(await freePort()),
    });

    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toEqual([
      expect.stringMatching(/^start_kafka\.sh: ZooKeeper mode was removed in Kafka 4\.0, .*KRaft/),
    ]);
  });
});

describe(
  `Step 8: on Kafka 3.x, start_zookeeper.sh then start_kafka.sh --zookeeper run a broker on ZooKeeper (${describePlan(withZooKeeper)})`,
  { timeout: BOOT_AND_STOP_MS },
  () => {
    if (withZooKeeper.kind === 'unavailable') {
      notRunHere(
        'start_zookeeper.sh and start_kafka.sh --zookeeper run a broker on ZooKeeper, and stop cleanly',
        `Kafka 3.x for the ZooKeeper-mode scripts: ${withZooKeeper.reason}`,
      );
      return;
    }
    const workDir = mkdtempSync(join(tmpdir(), 'step-8-zookeeper-mode-'));
    let zookeeper: ForegroundScript | undefined;
    let kafkaBroker: ForegroundScript | undefined;
    let zookeeperPort = 0;

    // The servers' life is one sequence (ZooKeeper, then the broker on it, then both stopped): it runs
    // once, in order, in the hook, which asserts nothing; each test asserts on its stage.
    const life = new Walkthrough<ScriptBrokerSetup>();
    const zookeeperStarted = life.step('start_zookeeper.sh', async (setup) => {
      zookeeper = ForegroundScript.start('start_zookeeper.sh', [], {
        ...setup.env,
        KAFKA_HEAP_OPTS: SCRIPT_ZOOKEEPER_HEAP,
      });
      await untilZooKeeperAnswers(zookeeper, zookeeperPort, SCRIPT_SERVER_BOOT_MS);
      return { ruok: await askZooKeeper({ host: '127.0.0.1', port: zookeeperPort }, 'ruok'), log: zookeeper.log() };
    });
    const brokerStarted = life.step('start_kafka.sh --zookeeper', async (setup) => {
      kafkaBroker = ForegroundScript.start('start_kafka.sh', ['--zookeeper'], setup.env);
      await untilBrokerAnswers(kafkaBroker, setup.bootstrap);
      const kafka = scriptBrokerClient(setup.bootstrap, 'step-8-zookeeper-mode');
      const admin = kafka.admin();
      await admin.connect();
      try {
        const { brokers } = await admin.describeCluster();
        const configs = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [
            { type: ConfigResourceTypes.BROKER, name: '0', configNames: ['zookeeper.connect', 'process.roles'] },
          ],
        });
        const entries = Object.fromEntries(
          (configs.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]),
        );
        const sent = JSON.stringify({ type: 'OrderReceived', orderId: 'order-8-zk' });
        const readBack = await sendAndReadBack(
          kafka,
          { topic: uniqueName('step-8-zookeeper'), groupId: uniqueName('step-8-zookeeper') },
          { key: 'order-8-zk', value: sent },
        );
        return { nodeIds: brokers.map((b) => b.nodeId), entries, sent, readBack };
      } finally {
        await admin.disconnect();
      }
    });
    const stopped = life.step('SIGTERM to the broker, then to ZooKeeper', async () => {
      if (kafkaBroker === undefined || zookeeper === undefined) throw new Error('the servers did not start');
      const brokerExit = await kafkaBroker.stop();
      const brokerLog = kafkaBroker.log();
      const zookeeperExit = await zookeeper.stop();
      return { brokerExit, brokerLog, zookeeperExit, leftBehind: await processesMentioning(workDir) };
    });

    it.beforeAll(async () => {
      const kafka = await resolveScriptKafka(withZooKeeper);
      zookeeperPort = await freePort();
      const setup = await scriptBrokerSetup(kafka, workDir, {
        ZOOKEEPER_PORT: String(zookeeperPort),
        ZOOKEEPER_DATA_DIR: join(workDir, 'zookeeper-data'),
      });
      await life.run(setup);
    }, FETCH_MS + BOOT_AND_STOP_MS);

    it.afterAll(async () => {
      // The broker first: it deregisters from ZooKeeper as it shuts down.
      await kafkaBroker?.ensureStopped();
      await zookeeper?.ensureStopped();
      rmSync(workDir, { recursive: true, force: true });
    });

    it('start_zookeeper.sh starts ZooKeeper in the foreground; it answers ruok with imok', () => {
      const { ruok, log } = zookeeperStarted.result();

      expect(ruok, 'step 8: ZooKeeper started by start_zookeeper.sh should answer ruok').toBe('imok');
      expect(log).toContain(
        `start_zookeeper.sh: starting ZooKeeper (from Kafka ${planVersion(withZooKeeper)}) on port ${zookeeperPort}`,
      );
    });

    it('start_kafka.sh --zookeeper starts a broker that keeps its metadata in that ZooKeeper and serves a kafkajs client', () => {
      const { nodeIds, entries, sent, readBack } = brokerStarted.result();

      expect(nodeIds, 'step 8: the brokers of the ZooKeeper-mode cluster').toEqual([0]);
      // No process.roles: a ZooKeeper-mode broker; zookeeper.connect: the ZooKeeper started above.
      expect(entries['zookeeper.connect'], "step 8: the broker's zookeeper.connect").toBe(`localhost:${zookeeperPort}`);
      expect(entries['process.roles'] ?? '', "step 8: the broker's process.roles (none in ZooKeeper mode)").toBe('');
      expect(readBack, 'step 8: the event sent through the ZooKeeper-mode broker, read back').toBe(sent);
    });

    it('SIGTERM stops the broker, then ZooKeeper, each cleanly; no JVM is left behind', () => {
      const { brokerExit, brokerLog, zookeeperExit, leftBehind } = stopped.result();

      expect(brokerExit, "step 8: the broker's exit after SIGTERM").toEqual({ code: EXIT_AFTER_SIGTERM, signal: null });
      expect(brokerLog).toMatch(/\[KafkaServer id=0\] shut down completed/);
      expect(zookeeperExit, "step 8: ZooKeeper's exit after SIGTERM").toEqual({
        code: EXIT_AFTER_SIGTERM,
        signal: null,
      });
      expect(leftBehind, 'step 8: processes still running from the scripts').toEqual([]);
    });
  },
);
