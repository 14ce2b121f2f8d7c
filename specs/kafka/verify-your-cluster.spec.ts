import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { Admin } from 'kafkajs';
import { findJava, freePort, type StartedKafkaJvmBroker } from '#support/broker/jvm/index.js';
import { it } from '#support/fixtures/index.js';
import {
  kafkaConfigsAlterTopic,
  KafkaTools,
  kafkaTopicsCreate,
  runToolFromJars,
  writeKafkaBin,
} from '#support/kafka-tools/index.js';
import { waitForLeaders } from '@kafka-event-spec/events';
import { brokerOfThisRun, notRunHere, shownRun } from '#support/run/index.js';
import {
  describePlan,
  resolveScriptKafka,
  runShellScript,
  scriptEnvironment,
  type ScriptKafka,
  scriptKafkaOfRun,
  shownScriptRun,
} from '#support/scripts/index.js';
import {
  asCreatedInStep3,
  prefixed,
  type PrefixedTopic,
  RETENTION_MS,
  THREE_DAYS_MS,
  TOPIC_CATALOG_FILE,
  withoutConfig,
} from '#support/topics/index.js';
import {
  type ClusterSnapshot,
  expectClusterMatches,
  expectOnlyStepFails,
  fixBlockOf,
  learnerClient,
  plantTopics,
  runVerifyCommand,
  snapshotCluster,
  startLearnerBroker,
  type VerifyEnv,
  verifyErrorLines,
  type VerifyRunResult,
} from '#support/verify/index.js';

// `npm run verify` checks the learner's own cluster. Here a second broker, started by this spec,
// plays that cluster; the learner's steps are done on it as a person does them, each under its
// own TOPIC_PREFIX, and verify is run against it as a child process, the way a user runs it.
const THREE_DAYS = `${THREE_DAYS_MS} (3 days)`;
const SETUP_MS = 300_000;

const plan = await scriptKafkaOfRun(brokerOfThisRun());

/** A difference planted on an otherwise correct set of topics, and what verify must say about it. */
interface Planted {
  what: string;
  prefix: string;
  plant: (topics: PrefixedTopic[]) => PrefixedTopic[];
  /** Lines the output must hold: the step, expected vs actual; `fix: <command>`, a command of the fix block. */
  says: (bootstrap: string) => string[];
  /** The one step that fails; every other passes. */
  fails: '3' | '4' | '5';
}

const byName = (topics: PrefixedTopic[], name: string, change: (t: PrefixedTopic) => PrefixedTopic): PrefixedTopic[] =>
  topics.map((t) => (t.name === name ? change(t) : t));
const withConfigs = (t: PrefixedTopic, configs: Record<string, string>): PrefixedTopic => ({
  ...t,
  configs: { ...t.configs, ...configs },
});

const PLANTED: Planted[] = [
  {
    what: 'OrderReceived keeps events 3 hours',
    prefix: 'hours.',
    fails: '4',
    plant: (topics) => byName(topics, 'OrderReceived', (t) => withConfigs(t, { [RETENTION_MS]: '10800000' })),
    says: (b) => [
      `step 4: OrderReceived retention.ms: expected ${THREE_DAYS}, set on the topic; got 10800000 (3 hours), set on the topic`,
      `fix: kafka-configs.sh --bootstrap-server ${b} --entity-type topics --entity-name hours.OrderReceived --alter --add-config retention.ms=259200000`,
    ],
  },
  {
    what: "OrderReceived's retention is left at the broker's default",
    prefix: 'default.',
    fails: '4',
    plant: (topics) => byName(topics, 'OrderReceived', (t) => withoutConfig(t, RETENTION_MS)),
    says: (b) => [
      // The learner's broker keeps events 3 days by default: the right value, inherited, still fails.
      `step 4: OrderReceived retention.ms: expected ${THREE_DAYS}, set on the topic; got ${THREE_DAYS}, not set on the topic: inherited from STATIC_BROKER_CONFIG (the broker's default does not count: set it on the topic)`,
      `fix: kafka-configs.sh --bootstrap-server ${b} --entity-type topics --entity-name default.OrderReceived --alter --add-config retention.ms=259200000`,
    ],
  },
  {
    what: 'Notification is missing',
    prefix: 'missing.',
    fails: '5',
    plant: (topics) => topics.filter((t) => t.name !== 'Notification'),
    says: (b) => [
      'step 5: Notification exists: expected topic missing.Notification; got no such topic on the cluster',
      `fix: kafka-topics.sh --bootstrap-server ${b} --create --topic missing.Notification --partitions 3 --replication-factor 1 --config retention.ms=259200000 --config cleanup.policy=delete --config min.insync.replicas=1`,
    ],
  },
  {
    what: 'DeadLetterQueue is compacted',
    prefix: 'compact.',
    fails: '5',
    plant: (topics) => byName(topics, 'DeadLetterQueue', (t) => withConfigs(t, { 'cleanup.policy': 'compact' })),
    says: (b) => [
      'step 5: DeadLetterQueue cleanup.policy: expected delete, as on OrderReceived; got compact',
      `fix: kafka-configs.sh --bootstrap-server ${b} --entity-type topics --entity-name compact.DeadLetterQueue --alter --add-config cleanup.policy=delete`,
    ],
  },
  {
    what: 'OrderConfirmed has 1 partition',
    prefix: 'partitions.',
    fails: '5',
    plant: (topics) => byName(topics, 'OrderConfirmed', (t) => ({ ...t, partitions: 1 })),
    says: (b) => [
      'step 5: OrderConfirmed partitions: expected 3; got 1',
      `fix: kafka-topics.sh --bootstrap-server ${b} --alter --topic partitions.OrderConfirmed --partitions 3`,
    ],
  },
  {
    what: 'OrderConfirmed has 6 partitions, more than the milestone asks',
    prefix: 'more.',
    fails: '5',
    plant: (topics) => byName(topics, 'OrderConfirmed', (t) => ({ ...t, partitions: 6 })),
    says: () => [
      'step 5: OrderConfirmed partitions: expected 3; got 6',
      // No command: kafka-topics --alter cannot take partitions away.
      'note: a topic cannot lose partitions: delete and recreate more.OrderConfirmed with 3 (its data is lost)',
    ],
  },
  {
    what: 'OrderPickedAndPacked has an extra topic-level config',
    prefix: 'extra.',
    fails: '5',
    plant: (topics) => byName(topics, 'OrderPickedAndPacked', (t) => withConfigs(t, { 'segment.bytes': '1048576' })),
    says: (b) => [
      'step 5: OrderPickedAndPacked segment.bytes: expected (not set on the topic), as on OrderReceived; got 1048576',
      `fix: kafka-configs.sh --bootstrap-server ${b} --entity-type topics --entity-name extra.OrderPickedAndPacked --alter --delete-config segment.bytes`,
    ],
  },
  {
    what: 'OrderConfirmed asks for more in-sync replicas than it has',
    prefix: 'isr.',
    fails: '5',
    // One broker, so one replica: min.insync.replicas=2 leaves every partition under-replicated.
    plant: (topics) => byName(topics, 'OrderConfirmed', (t) => withConfigs(t, { 'min.insync.replicas': '2' })),
    says: () => [
      'step 5: OrderConfirmed partition 0 in-sync replicas: expected at least 2 (min.insync.replicas); got 1 (isr [1])',
    ],
  },
];

/** At most `limit` at a time: each verify run is a vitest process, and the machine is shared. */
async function inBatches<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const shown = shownRun;

/**
 * A learner's setup that verify must fix in one round: plant it, run verify, paste its fix block
 * into a shell with Kafka's bin/ tools, and the next verify passes.
 */
interface PasteRound {
  what: string;
  /** The TOPIC_PREFIX verify runs with ('' for none). */
  prefix: string;
  /** The topics as the learner made them. */
  plant: () => PrefixedTopic[];
  /** The steps round 1 fails; every other passes. */
  fails: string[];
  /** How many commands the fix block holds, each once. */
  commands: number;
  /** Commands the block must hold, for the learner's broker. */
  fixes: (bootstrap: string) => string[];
}

const THREE_HOURS = { [RETENTION_MS]: '10800000' };
const retentionFix = (bootstrap: string, topic: string) =>
  `kafka-configs.sh --bootstrap-server ${bootstrap} --entity-type topics --entity-name ${topic} --alter --add-config retention.ms=259200000`;
/** How public solutions of this milestone name the five topics, where the milestone names them OrderReceived & co. */
const OTHER_NAMES: Record<string, string> = {
  OrderReceived: 'order_received',
  OrderConfirmed: 'order-confirmed',
  OrderPickedAndPacked: 'order.picked.packed',
  Notification: 'notifications',
  DeadLetterQueue: 'dlq',
};

const PASTE_ROUNDS: PasteRound[] = [
  {
    what: "the public solutions' setup (1 partition, 3 hours on all five)",
    prefix: 'solutions.',
    plant: () => prefixed('solutions.').map((t) => ({ ...t, partitions: 1, configs: THREE_HOURS })),
    // OrderReceived's partitions and configs (3), its retention (4), the other four (5).
    fails: ['3', '4', '5'],
    // Five partition counts; OrderReceived's three configs; the other four's three each.
    commands: 20,
    fixes: (b) =>
      ['OrderConfirmed', 'OrderPickedAndPacked', 'Notification', 'DeadLetterQueue'].map((name) =>
        retentionFix(b, `solutions.${name}`),
      ),
  },
  {
    // No prefix: the learner's broker has no unprefixed catalog topic, as a learner's has none. The
    // wrongly named topics stay: verify changes nothing, and its fix only adds what is missing.
    what: 'other topic names (order_received, order-confirmed, …; 1 partition, 3 hours)',
    prefix: '',
    plant: () =>
      prefixed('').map((t) => ({ ...t, topic: OTHER_NAMES[t.name] ?? t.name, partitions: 1, configs: THREE_HOURS })),
    // OrderReceived is missing (3), so is its retention (4), and the other four (5).
    fails: ['3', '4', '5'],
    // One create per topic, each once although steps 3 and 5 both need OrderReceived.
    commands: 5,
    fixes: (b) =>
      prefixed('').map(
        (t) =>
          `kafka-topics.sh --bootstrap-server ${b} --create --topic ${t.name} --partitions 3 --replication-factor 1 --config retention.ms=259200000 --config cleanup.policy=delete --config min.insync.replicas=1`,
      ),
  },
  {
    what: '3 days only as the broker default (retention.ms set on no topic)',
    prefix: 'brokerdefault.',
    plant: () => prefixed('brokerdefault.').map((t) => withoutConfig(t, RETENTION_MS)),
    // Step 3 checks the catalog's configs but retention, which is step 4's.
    fails: ['4', '5'],
    commands: 5,
    fixes: (b) => prefixed('brokerdefault.').map((t) => retentionFix(b, t.topic)),
  },
];
const FIX_ROUND_MS = 300_000;

/** `lines` pasted into a shell (stopping at the first that fails), with `bin` first on PATH. */
function pasteIntoShell(lines: readonly string[], options: { bin: string; kafka: ScriptKafka }) {
  const env = { ...scriptEnvironment(options.kafka.env), PATH: `${options.bin}:${process.env.PATH ?? ''}` };
  return new Promise<{ exitCode: number; output: string }>((resolve) => {
    execFile('bash', ['-e', '-c', lines.join('\n')], { env, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ exitCode: error === null ? 0 : Number(error.code ?? 1), output: `${stdout}${stderr}` });
    });
  });
}

/** Not Kafka: verify must say so within this, where kafkajs took 16 s to call the port unreachable. */
const NOT_KAFKA_WITHIN_MS = 5_000;

const CATALOG = readFileSync(TOPIC_CATALOG_FILE, 'utf8');
/** The catalog line where the typo is planted, as an editor counts. */
const TYPO_LINE = CATALOG.split('\n').findIndex((line) => line.startsWith('OrderConfirmed ')) + 1;

/** An HTTP server on a free port of this machine: a port that answers, but not as Kafka does. */
async function startHttpServer(): Promise<HttpServer> {
  const server = createHttpServer((_request, response) => response.end('not Kafka\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

if (plan.kind === 'unavailable') {
  describe(`npm run verify on the learner's own cluster (${describePlan(plan)})`, () => {
    notRunHere(
      'verify passes on a cluster where the milestone was done, and fails on each planted difference',
      `npm run verify cannot run here: ${plan.reason}`,
    );
  });
} else {
  describe(`npm run verify on the learner's own cluster (a second broker, ${describePlan(plan)})`, () => {
    let kafka: ScriptKafka;
    let learner: StartedKafkaJvmBroker;
    let admin: Admin;
    let bootstrap: string;
    let before: ClusterSnapshot;
    let after: ClusterSnapshot;
    let http: HttpServer;
    let notKafkaMs: number;
    const runs = new Map<string, VerifyRunResult>();
    const scratch = mkdtempSync(join(tmpdir(), 'kafka-event-spec-verify-spec-'));

    /** The milestone's commands as a person types them: OrderReceived, its retention, the other four. */
    async function byHandWithKafkaTools(prefix: string): Promise<void> {
      const found = await findJava();
      if (found.java === undefined) throw new Error(`Kafka's tools need Java: ${found.problem}`);
      const access = {
        java: found.java.executable,
        libsDir: join(kafka.kafkaHome, 'libs'),
        kafkaVersion: kafka.kafkaVersion,
      };
      const tools = new KafkaTools(`Kafka ${kafka.kafkaVersion}'s tools`, bootstrap, (tool, args) =>
        runToolFromJars({ ...access, bootstrap }, tool, args),
      );
      const [first, ...others] = prefixed(prefix);
      if (first === undefined) throw new Error('the topic catalog is empty');
      const step3 = asCreatedInStep3(first);
      await tools.run(kafkaTopicsCreate({ ...step3, topic: step3.topic }));
      // A person types the next command seconds later; a program must wait until the brokers know the
      // topic, or kafka-configs --alter can meet UnknownTopicOrPartition (seen on 3.9.2).
      await waitForLeaders(admin, [first.topic], 30_000);
      await tools.run(kafkaConfigsAlterTopic(first.topic, { [RETENTION_MS]: first.configs[RETENTION_MS] ?? '' }));
      await Promise.all(others.map((t) => tools.run(kafkaTopicsCreate(t))));
    }

    const verify = (key: string, env: VerifyEnv) => async () => {
      runs.set(key, await runVerifyCommand({ KAFKA_BROKERS: bootstrap, ...env }));
    };

    it.beforeAll(async () => {
      kafka = await resolveScriptKafka(plan);
      // A broker whose default retention is the milestone's: a topic that only inherits it must still fail step 4.
      learner = await startLearnerBroker(kafka, (broker) =>
        broker.withConfig({ 'log.retention.ms': String(THREE_DAYS_MS) }),
      );
      bootstrap = learner.bootstrapServers;
      admin = learnerClient(learner, 'verify-your-cluster').admin();
      await admin.connect();

      await Promise.all([
        runShellScript('create_topics.sh', [], {
          ...kafka.env,
          BOOTSTRAP_SERVER: bootstrap,
          TOPIC_PREFIX: 'script.',
        }).then((run) => {
          if (run.exitCode !== 0)
            throw new Error(`on the learner's broker, ${shownScriptRun('create_topics.sh', run)}`);
        }),
        byHandWithKafkaTools('byhand.'),
        ...PLANTED.map((p) => plantTopics(admin, p.plant(prefixed(p.prefix)))),
        ...PASTE_ROUNDS.map((round) => plantTopics(admin, round.plant())),
      ]);
      const malformed = join(scratch, 'malformed-catalog.txt');
      writeFileSync(malformed, 'OrderReceived order_received 3 1\n');
      const catalog = CATALOG;
      const typo = join(scratch, 'typo-catalog.txt');
      writeFileSync(typo, catalog.replace(/^(OrderConfirmed .*)retention\.ms/m, '$1retension.ms'));
      const hoursDlq = join(scratch, 'three-hour-dlq-catalog.txt');
      writeFileSync(
        hoursDlq,
        catalog.replace(/^(DeadLetterQueue .*)retention\.ms=259200000/m, '$1retention.ms=10800000'),
      );

      before = await snapshotCluster(admin);
      await inBatches(
        [
          verify('script', { TOPIC_PREFIX: 'script.' }),
          verify('byhand', { TOPIC_PREFIX: 'byhand.' }),
          ...PLANTED.map((p) => verify(p.prefix, { TOPIC_PREFIX: p.prefix })),
          verify('unreachable', { KAFKA_BROKERS: `127.0.0.1:${await freePort()}` }),
          verify('no catalog', { TOPIC_PREFIX: 'script.', TOPIC_CATALOG: join(scratch, 'no-such-catalog.txt') }),
          verify('malformed catalog', { TOPIC_PREFIX: 'script.', TOPIC_CATALOG: malformed }),
          // An unreachable broker: the catalog's line is said before any broker call.
          verify('typo catalog', {
            KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
            TOPIC_PREFIX: 'script.',
            TOPIC_CATALOG: typo,
          }),
          verify('3-hour DeadLetterQueue catalog', { TOPIC_PREFIX: 'script.', TOPIC_CATALOG: hoursDlq }),
          verify('unknown prefix', { TOPIC_PREFIX: 'nosuch.' }),
          verify('publish', { TOPIC_PREFIX: 'script.', VERIFY_PUBLISH: 'true' }),
        ],
        3,
        (run) => run(),
      );
      after = await snapshotCluster(admin);
      // Alone, not in a batch: its time is asserted.
      http = await startHttpServer();
      const started = Date.now();
      await verify('not kafka', { KAFKA_BROKERS: `127.0.0.1:${(http.address() as AddressInfo).port}` })();
      notKafkaMs = Date.now() - started;
    }, SETUP_MS);

    it.afterAll(async () => {
      // beforeAll may have failed before these were set.
      await (admin as Admin | undefined)?.disconnect();
      await (learner as StartedKafkaJvmBroker | undefined)?.stop();
      (http as HttpServer | undefined)?.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('after scripts/shell/create_topics.sh, verify exits 0 and every step passes', () => {
      expectClusterMatches(runs.get('script'));
    });

    it("after the milestone's kafka-topics --create and kafka-configs --alter commands, verify exits 0 and every step passes", () => {
      expectClusterMatches(runs.get('byhand'));
    });

    it.each(PLANTED.map((p) => [p.what, p] as const))(
      '%s: verify exits non-zero, naming the step, expected vs actual and the fix command',
      (_what, planted) => {
        const run = runs.get(planted.prefix);
        expect(run?.exitCode, shown(run)).not.toBe(0);
        for (const line of planted.says(bootstrap)) {
          // A fix is a command of the block to paste (once each, in order), not a line of the step.
          const fix = /^fix: (.*)$/.exec(line)?.[1];
          if (fix === undefined) expect(run?.output, shown(run)).toContain(line);
          else expect(run === undefined ? [] : fixBlockOf(run), `the fix block\n${shown(run)}`).toContain(fix);
        }
        expect(run?.output, shown(run)).toContain('your cluster does NOT match the milestone');
        expectOnlyStepFails(run, planted.fails);
      },
    );

    it("a catalog with a 3-hour DeadLetterQueue: verify says the catalog differs, and passes a cluster with the milestone's 3 days", () => {
      const run = runs.get('3-hour DeadLetterQueue catalog');
      expect(run?.output, shown(run)).toContain(
        "your catalog differs from the milestone: DeadLetterQueue retention.ms is 10800000 (3 hours), the milestone's is 259200000 (3 days)",
      );
      expect(run?.output, `verify must not tell a cluster with 3 days to set 3 hours\n${shown(run)}`).not.toContain(
        'retention.ms=10800000',
      );
      expectClusterMatches(run);
    });

    it.each(PASTE_ROUNDS.map((r) => [r.what, r] as const))(
      "%s: verify's fix block, pasted into a shell with Kafka's bin/ tools, makes the next verify pass",
      async (what, round) => {
        // Kafka's bin/ as the learner has it: the distribution's own, or one laid out over the jars.
        let bin = join(kafka.kafkaHome, 'bin');
        if (!existsSync(join(bin, 'kafka-topics.sh'))) {
          const home = join(scratch, 'kafka-home');
          mkdirSync(home, { recursive: true });
          if (!existsSync(join(home, 'libs'))) symlinkSync(join(kafka.kafkaHome, 'libs'), join(home, 'libs'));
          bin = writeKafkaBin(home, kafka.kafkaVersion, { suffix: '.sh' });
        }
        const env = { KAFKA_BROKERS: bootstrap, ...(round.prefix === '' ? {} : { TOPIC_PREFIX: round.prefix }) };

        const first = await runVerifyCommand(env);
        const block = fixBlockOf(first);
        const pasted = await pasteIntoShell(block, { bin, kafka });
        const next = await runVerifyCommand(env);

        expectOnlyStepFails(first, round.fails);
        expect(block, `round 1 (${what}): the fix block, once each command\n${shown(first)}`).toHaveLength(
          round.commands,
        );
        expect(new Set(block).size, `round 1 (${what}): the fix block repeats a command\n${block.join('\n')}`).toBe(
          block.length,
        );
        const lastPartitions = block.findLastIndex((c) => c.includes('--partitions') && !c.includes('--create'));
        const firstConfig = block.findIndex((c) => c.startsWith('kafka-configs.sh'));
        if (lastPartitions >= 0 && firstConfig >= 0)
          expect(lastPartitions, `round 1 (${what}): partitions before configs\n${block.join('\n')}`).toBeLessThan(
            firstConfig,
          );
        for (const command of round.fixes(bootstrap))
          expect(block, `round 1 (${what}): fixed in the same round\n${block.join('\n')}`).toContain(command);
        expect(
          pasted.exitCode,
          `${what}: the fix block, pasted into a shell: exit status\n${block.join('\n')}\n${pasted.output}`,
        ).toBe(0);
        expectClusterMatches(next);
      },
      FIX_ROUND_MS,
    );

    it('changes nothing on the cluster: topics, every config and its source, consumer groups, end offsets are as before', () => {
      expect(before.topics.length).toBeGreaterThan(0);
      expect(after, 'the cluster changed while verify ran').toEqual(before);
    });

    it.each([
      [
        'the cluster is unreachable',
        'unreachable',
        /^verify: KAFKA_BROKERS=127\.0\.0\.1:\d+ is unreachable: .*Check the address/,
      ],
      [
        'an HTTP server answers on the port',
        'not kafka',
        /^verify: KAFKA_BROKERS=127\.0\.0\.1:\d+: 127\.0\.0\.1:\d+ is not Kafka: to a Kafka ApiVersions request it answered "HTTP\/1\.1 400 Bad Request"/,
      ],
      ['the catalog file is missing', 'no catalog', /^verify: TOPIC_CATALOG=.*no-such-catalog\.txt is not a file/],
      [
        'the catalog is malformed',
        'malformed catalog',
        /^verify: the topic catalog is malformed: .*malformed-catalog\.txt:1: expected 5 columns/,
      ],
      [
        'the catalog names a config Kafka does not know (retension.ms), and the broker is unreachable',
        'typo catalog',
        new RegExp(
          `^verify: the topic catalog is malformed: unknown topic config retension\\.ms on line ${TYPO_LINE} of .*typo-catalog\\.txt\\.$`,
        ),
      ],
      [
        'TOPIC_PREFIX matches no topic',
        'unknown prefix',
        /^verify: TOPIC_PREFIX=nosuch\. matches none of the catalog's 5 topics/,
      ],
      [
        'VERIFY_PUBLISH=true asks for step 6, which verify cannot do yet',
        'publish',
        /^verify: VERIFY_PUBLISH=true \(step 6 on your own topics\) is not available yet/,
      ],
    ])('%s: one line that says so, and a non-zero exit', (_what, key, line) => {
      const run = runs.get(key);
      expect(run?.exitCode, shown(run)).not.toBe(0);
      const lines = run === undefined ? [] : verifyErrorLines(run);
      expect(lines, shown(run)).toEqual([expect.stringMatching(line)]);
    });

    it(`a port where an HTTP server answers is named "not Kafka" within ${NOT_KAFKA_WITHIN_MS / 1000} s, the whole npm run verify included`, () => {
      expect(
        notKafkaMs,
        `verify against an HTTP server: expected its "not Kafka" line within ${NOT_KAFKA_WITHIN_MS} ms; got ${notKafkaMs} ms\n${shown(runs.get('not kafka'))}`,
      ).toBeLessThanOrEqual(NOT_KAFKA_WITHIN_MS);
    });
  });
}
