import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { freePort } from '#support/broker/jvm/index.js';
import { it } from '#support/fixtures/index.js';
import { ConfigResourceTypes } from '#support/lib/index.js';
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
    let setup: ScriptBrokerSetup;

    it.beforeAll(async () => {
      const kafka = await resolveScriptKafka(withZooKeeper);
      zookeeperPort = await freePort();
      setup = await scriptBrokerSetup(kafka, workDir, {
        ZOOKEEPER_PORT: String(zookeeperPort),
        ZOOKEEPER_DATA_DIR: join(workDir, 'zookeeper-data'),
      });
    }, FETCH_MS);

    it.afterAll(async () => {
      // The broker first: it deregisters from ZooKeeper as it shuts down.
      await kafkaBroker?.ensureStopped();
      await zookeeper?.ensureStopped();
      rmSync(workDir, { recursive: true, force: true });
    });

    it('start_zookeeper.sh starts ZooKeeper in the foreground; it answers ruok with imok', async () => {
      zookeeper = ForegroundScript.start('start_zookeeper.sh', [], {
        ...setup.env,
        KAFKA_HEAP_OPTS: SCRIPT_ZOOKEEPER_HEAP,
      });
      await untilZooKeeperAnswers(zookeeper, zookeeperPort, SCRIPT_SERVER_BOOT_MS);

      expect(await askZooKeeper('127.0.0.1', zookeeperPort, 'ruok')).toBe('imok');
      expect(zookeeper.log()).toContain(
        `start_zookeeper.sh: starting ZooKeeper (from Kafka ${planVersion(withZooKeeper)}) on port ${zookeeperPort}`,
      );
    });

    it('start_kafka.sh --zookeeper starts a broker that keeps its metadata in that ZooKeeper and serves a kafkajs client', async () => {
      kafkaBroker = ForegroundScript.start('start_kafka.sh', ['--zookeeper'], setup.env);
      await untilBrokerAnswers(kafkaBroker, setup.bootstrap);

      const kafka = scriptBrokerClient(setup.bootstrap, 'step-8-zookeeper-mode');
      const admin = kafka.admin();
      await admin.connect();
      try {
        const { brokers } = await admin.describeCluster();
        expect(brokers.map((b) => b.nodeId)).toEqual([0]);
        const configs = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [
            { type: ConfigResourceTypes.BROKER, name: '0', configNames: ['zookeeper.connect', 'process.roles'] },
          ],
        });
        const entries = Object.fromEntries(
          (configs.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]),
        );
        // No process.roles: a ZooKeeper-mode broker; zookeeper.connect: the ZooKeeper started above.
        expect(entries['zookeeper.connect']).toBe(`localhost:${zookeeperPort}`);
        expect(entries['process.roles'] ?? '').toBe('');
      } finally {
        await admin.disconnect();
      }
      const event = JSON.stringify({ type: 'OrderReceived', orderId: 'order-8-zk' });
      const readBack = await sendAndReadBack(
        kafka,
        { topic: uniqueName('step-8-zookeeper'), groupId: uniqueName('step-8-zookeeper') },
        { key: 'order-8-zk', value: event },
      );
      expect(readBack).toBe(event);
    });

    it('SIGTERM stops the broker, then ZooKeeper, each cleanly; no JVM is left behind', async () => {
      if (kafkaBroker === undefined || zookeeper === undefined)
        throw new Error('the servers of the steps above did not start');

      expect(await kafkaBroker.stop()).toEqual({ code: EXIT_AFTER_SIGTERM, signal: null });
      expect(kafkaBroker.log()).toMatch(/\[KafkaServer id=0\] shut down completed/);
      expect(await zookeeper.stop()).toEqual({ code: EXIT_AFTER_SIGTERM, signal: null });
      expect(await processesMentioning(workDir)).toEqual([]);
    });
  },
);
