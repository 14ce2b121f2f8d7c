import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { freePort } from '#support/broker/jvm/index.js';
import { it } from '#support/fixtures/index.js';
import { brokerOfThisRun, notRunHere } from '#support/run/index.js';
import {
  describePlan,
  errorLines,
  planKafkaWithZooKeeper,
  resolveScriptKafka,
  runShellScript,
  scratchDir,
  type ScriptKafka,
  scriptKafkaOfRun,
  SHELL_SCRIPTS,
  type ShellScript,
  writeCatalog,
} from '#support/scripts/index.js';

/** The variables each script's --help must explain: the knobs a person has. */
const DOCUMENTED: Record<ShellScript, string[]> = {
  'create_topics.sh': ['KAFKA_HOME', 'BOOTSTRAP_SERVER', 'TOPIC_PREFIX', 'TOPIC_CATALOG', 'BROKER_WAIT_SECONDS'],
  'start_kafka.sh': [
    'KAFKA_HOME',
    'KAFKA_MODE',
    'KAFKA_HOST',
    'KAFKA_PORT',
    'KAFKA_CONTROLLER_PORT',
    'KAFKA_DATA_DIR',
    'KAFKA_CONFIG_DIR',
    'ZOOKEEPER_CONNECT',
    'KAFKA_HEAP_OPTS',
  ],
  'start_zookeeper.sh': ['KAFKA_HOME', 'ZOOKEEPER_PORT', 'ZOOKEEPER_DATA_DIR', 'KAFKA_CONFIG_DIR'],
};

const scratch = scratchDir('step-8-fail-clearly');
const workDir = scratch.dir;
it.afterAll(() => {
  scratch.remove();
});

describe('Step 8: every script of scripts/shell/ explains itself with --help', () => {
  it.each(SHELL_SCRIPTS)('%s --help prints its usage and the environment variables it reads', async (script) => {
    const run = await runShellScript(script, ['--help'], {});

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: ${script.replace('.', '\\.')}`));
    for (const variable of DOCUMENTED[script])
      expect(run.stdout, `${script} --help does not explain ${variable}`).toContain(`  ${variable} `);
  });

  it.each(SHELL_SCRIPTS)(
    '%s rejects an argument it does not know (exit status 2) and points to --help',
    async (script) => {
      const run = await runShellScript(script, ['--no-such-option'], {});

      expect(run.exitCode).toBe(2);
      expect(errorLines(run)).toEqual([`${script}: unknown argument "--no-such-option" (try --help)`]);
    },
  );
});

describe('Step 8: a missing or wrong KAFKA_HOME is one line that says what to do', () => {
  const cases = SHELL_SCRIPTS.flatMap((script) => [
    {
      script,
      what: 'unset',
      home: undefined,
      says: 'KAFKA_HOME is not set: set it to an unpacked Apache Kafka distribution',
    },
    { script, what: 'a directory that does not exist', home: join(workDir, 'no-such-dir'), says: 'is not a directory' },
    {
      script,
      what: 'a directory without Kafka',
      home: workDir,
      says: 'holds no Kafka (neither bin/kafka-topics.sh nor libs/kafka_2.13-<version>.jar)',
    },
  ]);

  it.each(cases.map((c) => [`${c.script}, KAFKA_HOME ${c.what}`, c] as const))(
    '%s',
    async (_title, { script, home, says }) => {
      const run = await runShellScript(script, [], { KAFKA_HOME: home, KAFKA_PORT: '1', ZOOKEEPER_PORT: '1' });

      expect(run.exitCode).toBe(1);
      expect(errorLines(run)).toEqual([expect.stringContaining(says)]);
      expect(errorLines(run)[0]).toMatch(new RegExp(`^${script.replace('.', '\\.')}: `));
    },
  );

  it('create_topics.sh names the file and line of a catalog line it cannot read, before it looks for Kafka', async () => {
    const catalog = join(workDir, 'broken-catalog.txt');
    writeCatalog(catalog, [
      '# topic event partitions replication-factor configs',
      'OrderReceived order_received 3 1 retention.ms=259200000',
      'Notification notification 3 retention.ms=259200000',
    ]);

    const run = await runShellScript('create_topics.sh', [], { KAFKA_HOME: undefined, TOPIC_CATALOG: catalog });

    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toEqual([
      `create_topics.sh: ${catalog}:3: expected 5 columns (topic event partitions replication-factor configs), found 4`,
    ]);
  });

  it.each([
    [
      'a config name Kafka does not know',
      'retension.ms=259200000',
      (c: string) => `unknown topic config retension.ms on line 3 of ${c}`,
    ],
    [
      'a value that is not a number',
      'retention.ms=2592OOOOO',
      (c: string) => `topic config retention.ms=2592OOOOO on line 3 of ${c}: "2592OOOOO" is not a whole number`,
    ],
    [
      'a config set twice',
      'retention.ms=259200000,retention.ms=10800000',
      (c: string) => `topic config retention.ms is set twice on line 3 of ${c}`,
    ],
  ])(
    'create_topics.sh: %s is one line naming the config, the line and the file, before it looks for Kafka',
    async (_what, configs, says) => {
      const catalog = join(workDir, 'bad-config-catalog.txt');
      writeCatalog(catalog, [
        '# topic event partitions replication-factor configs',
        'OrderReceived order_received 3 1 retention.ms=259200000',
        `Notification notification 3 1 ${configs}`,
      ]);

      const run = await runShellScript('create_topics.sh', [], { KAFKA_HOME: undefined, TOPIC_CATALOG: catalog });

      expect(run.exitCode, `create_topics.sh on a catalog with ${_what}: exit status`).toBe(1);
      expect(errorLines(run), `create_topics.sh on a catalog with ${_what}: its error lines`).toEqual([
        `create_topics.sh: ${says(catalog)}`,
      ]);
    },
  );
});

const broker = brokerOfThisRun();
const plan = await scriptKafkaOfRun(broker);
const zookeeperPlan = await planKafkaWithZooKeeper(broker);

describe(`Step 8: a broker that does not answer, or a port that is taken, is one line too (${describePlan(plan)})`, () => {
  if (plan.kind === 'unavailable') {
    notRunHere(
      'create_topics.sh gives up on a silent broker; start_kafka.sh refuses a taken port',
      `the scripts cannot run Kafka here: ${plan.reason}`,
    );
    return;
  }
  let kafka: ScriptKafka;
  let taken: Server | undefined;

  it.beforeAll(async () => {
    kafka = await resolveScriptKafka(plan);
  });

  it.afterAll(() => {
    taken?.close();
  });

  it('create_topics.sh gives up on a broker that does not answer within BROKER_WAIT_SECONDS', async () => {
    const nobody = `127.0.0.1:${await freePort()}`;

    const run = await runShellScript('create_topics.sh', [], {
      ...kafka.env,
      BOOTSTRAP_SERVER: nobody,
      BROKER_WAIT_SECONDS: '2',
    });

    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toEqual([
      `create_topics.sh: no Kafka broker answered at ${nobody} within 2 s: start one (start_kafka.sh), or set BOOTSTRAP_SERVER to where it listens`,
    ]);
  });

  it('start_kafka.sh refuses a port another process already listens on, before Kafka boots', async () => {
    const port = await freePort();
    taken = createServer();
    const server = taken;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const env = {
      ...kafka.env,
      KAFKA_HOST: '127.0.0.1',
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(await freePort()),
      KAFKA_CONFIG_DIR: join(workDir, 'config'),
      KAFKA_DATA_DIR: join(workDir, 'taken-port-data'),
    };

    const run = await runShellScript('start_kafka.sh', [], env);

    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toEqual([
      `start_kafka.sh: port ${port} on 127.0.0.1 is already in use (another broker?): stop it, or set KAFKA_PORT`,
    ]);
  });
});

describe(
  `Step 8: start_kafka.sh --zookeeper without a ZooKeeper is one line (${describePlan(zookeeperPlan)})`,
  { timeout: 600_000 },
  () => {
    if (zookeeperPlan.kind === 'unavailable') {
      notRunHere(
        'gives up on a ZooKeeper that does not answer, naming start_zookeeper.sh',
        `Kafka 3.x for the ZooKeeper-mode scripts: ${zookeeperPlan.reason}`,
      );
      return;
    }

    it('gives up on a ZooKeeper that does not answer within ZOOKEEPER_WAIT_SECONDS, naming start_zookeeper.sh', async () => {
      const kafka = await resolveScriptKafka(zookeeperPlan);
      const nobody = await freePort();
      const env = {
        ...kafka.env,
        KAFKA_PORT: String(await freePort()),
        ZOOKEEPER_PORT: String(nobody),
        ZOOKEEPER_WAIT_SECONDS: '2',
        KAFKA_CONFIG_DIR: join(workDir, 'config'),
        KAFKA_DATA_DIR: join(workDir, 'zookeeper-mode-data'),
      };

      const run = await runShellScript('start_kafka.sh', ['--zookeeper'], env);

      expect(run.exitCode).toBe(1);
      expect(errorLines(run)).toEqual([
        `start_kafka.sh: no ZooKeeper answered at localhost:${nobody} within 2 s: start it first (start_zookeeper.sh), or set ZOOKEEPER_CONNECT`,
      ]);
    });
  },
);
