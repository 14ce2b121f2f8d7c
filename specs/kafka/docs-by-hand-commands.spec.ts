import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, vi } from 'vitest';
import { kafkajsConfig } from '#support/broker/index.js';
import { freePort } from '#support/broker/jvm/index.js';
import {
  atBootstrap,
  BackgroundHand,
  handEnv,
  type HandEnv,
  type HandRun,
  isNote,
  runHand,
  shownCommand,
  stepsFor,
} from '#support/docs/index.js';
import { it } from '#support/fixtures/index.js';
import {
  kafkaCliDialect,
  layOutLearnerKafkaHome,
  type LearnerKafkaHome,
  learnerServerProperties,
  MILESTONE_TOOLS,
} from '#support/kafka-tools/index.js';
import { type ErrorEvent, orderReceivedType } from '#support/lib/events/index.js';
import { Kafka, REPO_ROOT } from '#support/lib/index.js';
import { EventConsumer } from '#support/lib/pipeline/index.js';
import { topicRoles } from '#support/reporting/index.js';
import { brokerOfThisRun, notRunHere, uniqueName } from '#support/run/index.js';
import {
  describePlan,
  planVersion,
  resolveScriptKafka,
  scriptKafkaOfRun,
  Walkthrough,
} from '#support/scripts/index.js';
import { loadTopicCatalog } from '#support/topics/index.js';

// The docs are tests: the by-hand commands of docs/learn-kafka.md (the checklist's, which
// specs/contracts/docs-by-hand-commands.spec.ts keeps equal to the page) run as a learner types
// them, in step order, with the bin/ of `npm run kafka` on PATH. Their topic names are the real
// ones (OrderReceived, ...), so they run against a broker of their own, started by step 1's own
// commands; only localhost:9092 becomes that broker's address. Each step's "what to look for" is
// asserted on the real output, and `npm run verify` must pass on the topics they made.
// The steps build on each other, so they run once, in order, in the hook below, which asserts
// nothing and records what each command printed; each step's test asserts on its own step.
const plan = await scriptKafkaOfRun(brokerOfThisRun());
const catalog = loadTopicCatalog();
const { first, others, deadLetter } = topicRoles(catalog);
const STEP_MS = 180_000;

if (plan.kind === 'unavailable') {
  describe(`docs/learn-kafka.md's by-hand commands (${describePlan(plan)})`, () => {
    notRunHere(
      'run as written, in step order, and npm run verify passes on what they made',
      `the by-hand commands cannot run here: ${plan.reason}`,
    );
  });
} else {
  const kafkaVersion = planVersion(plan);
  const dialect = kafkaCliDialect(kafkaVersion);
  const steps = stepsFor(kafkaVersion);

  describe(
    `docs/learn-kafka.md's by-hand commands run as written (Kafka ${kafkaVersion}, the bin/ of npm run kafka on PATH)`,
    { timeout: STEP_MS },
    () => {
      const scratch = mkdtempSync(join(tmpdir(), 'kafka-event-spec-docs-'));
      let home: LearnerKafkaHome;
      let env: HandEnv;
      let bootstrap: string;
      let brokerPort: number;
      let server: BackgroundHand | undefined;
      const consumers: EventConsumer[] = [];

      /** The step's commands, as the checklist and the page give them, at this broker's address. */
      const commandsOf = (label: string): string[] => {
        const step = steps.find((s) => s.label === label);
        if (step === undefined) throw new Error(`the checklist has no step ${label}`);
        return step.byHand.filter((line) => !isNote(line)).map((command) => atBootstrap(command, bootstrap));
      };

      const at = (label: string, index: number): string => {
        const command = commandsOf(label)[index];
        if (command === undefined) throw new Error(`step ${label} has no command ${index + 1}`);
        return command;
      };

      /** Runs a command that must exit 0; `cwd` is the repository (examples/ is relative to it) unless said. */
      async function run(label: string, command: string, cwd = REPO_ROOT): Promise<HandRun> {
        const result = await runHand(command, cwd, env);
        if (result.exitCode !== 0)
          throw new Error(`step ${label}: a documented command failed: ${shownCommand(result)}`);
        return result;
      }

      /** Asserts that `result` printed `expected` (a string or a pattern), naming the step and the command. */
      function expectPrinted(
        label: string,
        result: Pick<HandRun, 'command' | 'output'>,
        expected: string | RegExp,
        why: string,
      ): void {
        const found = typeof expected === 'string' ? result.output.includes(expected) : expected.test(result.output);
        if (!found) {
          throw new Error(
            `step ${label}: \`${result.command}\` should print ${String(expected)} (${why}); it printed:\n${result.output.trim() || '(nothing)'}`,
          );
        }
      }

      /**
       * A console consumer: runs until its output shows `expected` (60 s at most), then gets Ctrl-C,
       * as the learner would; what it printed is for the test to judge.
       */
      async function consumeUntil(command: string, expected: string): Promise<Pick<HandRun, 'command' | 'output'>> {
        const consumer = new BackgroundHand(command, REPO_ROOT, env);
        try {
          await consumer.waitFor(
            `\`${command}\` to print ${JSON.stringify(expected)}`,
            (out) => out.includes(expected),
            60_000,
          );
        } catch {
          // Its test shows what it printed instead.
        } finally {
          await consumer.stop('SIGINT');
        }
        return { command, output: consumer.output };
      }

      const walk = new Walkthrough();
      const step1 = walk.step('step 1', async () => {
        const [format, start, check] = [at('1', 0), at('1', 1), at('1', 2)];
        const formatted = await run('1', format, scratch);
        server = new BackgroundHand(start, scratch, env);
        await server.waitFor(
          `step 1: \`${start}\` should start a broker listening at ${bootstrap}`,
          (out) => /Kafka Server started|\[KafkaRaftServer nodeId=1\] Kafka Server started/.test(out),
          120_000,
        );
        return { formatted, checked: await run('1', check) };
      });
      const step3 = walk.step('step 3', async () => {
        const [create, describeIt] = [at('3', 0), at('3', 1)];
        return { created: await run('3', create), described: await run('3', describeIt) };
      });
      const step4 = walk.step('step 4', async () => {
        const [alter, describeIt] = [at('4', 0), at('4', 1)];
        return { altered: await run('4', alter), described: await run('4', describeIt) };
      });
      const step5 = walk.step('step 5', async () => {
        const runs: HandRun[] = [];
        for (const command of commandsOf('5')) runs.push(await run('5', command));
        return runs;
      });
      const step35 = walk.step('step 3-5 CLI', async () => {
        const [list, describeAll, configs, verify] = [0, 1, 2, 3].map((index) => at('3-5 CLI', index));
        return {
          listed: await run('3-5 CLI', list ?? ''),
          described: await run('3-5 CLI', describeAll ?? ''),
          configured: await run('3-5 CLI', configs ?? ''),
          // A child vitest run, in the learner's environment (none of this run's settings), as typed.
          checked: await runHand(verify ?? '', REPO_ROOT, env, 180_000),
        };
      });
      const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', `${first.event}.json`), 'utf8')) as {
        subject: string;
      };
      const step6Expected = `${example.subject}\t${JSON.stringify(example)}`;
      // error.json is keyed by the failed record's key (the order id), as the dead-letter route keys it.
      const errorExample = JSON.parse(
        readFileSync(join(REPO_ROOT, 'examples', `${deadLetter.event}.json`), 'utf8'),
      ) as ErrorEvent;
      const step6ErrorExpected = `${example.subject}\t${JSON.stringify(errorExample)}`;
      const step6 = walk.step('step 6', async () => {
        const [produce, consume, produceError] = [at('6', 0), at('6', 1), at('6', 2)];
        await run('6', produce);
        await run('6', produceError);
        // "the same for DeadLetterQueue": the consume command with that topic.
        const consumeErrors = consume.replace(`--topic ${first.name} `, `--topic ${deadLetter.name} `);
        return {
          consumed: await consumeUntil(consume, step6Expected),
          consumedError: await consumeUntil(consumeErrors, step6ErrorExpected),
        };
      });
      const step7 = walk.step('step 7', async () => {
        const [produce, consume] = [at('7', 0), at('7', 1)];
        await run('7', produce);
        // "a consumer that cannot parse it publishes an error event": the repository's own.
        const deadLettered: ErrorEvent[] = [];
        const consumer = new EventConsumer({
          kafka: new Kafka(kafkajsConfig({ brokers: [bootstrap], tls: undefined, sasl: undefined }, 'docs-step-7')),
          groupId: uniqueName('docs-step-7'),
          topics: [{ topic: first.name, eventType: orderReceivedType }],
          deadLetterTopic: deadLetter.name,
          fromBeginning: true,
          handle: () => undefined,
          listeners: {
            onDeadLettered: ({ errorEvent }) => {
              deadLettered.push(errorEvent);
            },
          },
        });
        consumers.push(consumer);
        void consumer.start();
        const errorEvent = await vi.waitFor(
          () => {
            const published = deadLettered[0];
            if (published === undefined)
              throw new Error(
                `step 7: expected the EventConsumer on ${first.name} to publish an error event to ${deadLetter.name} within 60 s after \`${produce}\`; none came`,
              );
            return published;
          },
          { timeout: 60_000, interval: 200 },
        );
        return { errorEvent, consumed: await consumeUntil(consume, '"NOT_JSON"') };
      });

      it.beforeAll(async () => {
        const kafka = await resolveScriptKafka(plan);
        const libs = {
          kafkaHome: kafka.kafkaHome,
          libsDir: join(kafka.kafkaHome, 'libs'),
          kafkaVersion,
          source: kafka.source === 'KAFKA_HOME' ? ('KAFKA_HOME' as const) : ('Maven Central cache' as const),
        };
        const laidOut = layOutLearnerKafkaHome(libs);
        if (laidOut === undefined)
          throw new Error(
            `KAFKA_HOME=${kafka.kafkaHome} has jars but no bin/kafka-topics.sh, so the page's commands cannot run as written`,
          );
        home = laidOut;
        brokerPort = await freePort();
        bootstrap = `localhost:${brokerPort}`;
        // config/server.properties as npm run kafka lays it out, on ports of this spec's own.
        const config = join(scratch, dialect.serverProperties);
        mkdirSync(dirname(config), { recursive: true });
        writeFileSync(
          config,
          learnerServerProperties(kafkaVersion, {
            brokerPort,
            controllerPort: await freePort(),
            logDir: join(scratch, 'logs'),
          }),
        );
        env = handEnv(home.binDir, {
          // Environment, not command line: a smaller broker on a shared machine, and verify's reports kept apart from the run's.
          KAFKA_HEAP_OPTS: '-Xmx512m -Xms256m',
          KAFKA_REPORTS_DIR: join(scratch, 'verify-reports'),
        });
        await walk.run();
      }, 8 * STEP_MS);

      it.afterAll(async () => {
        await Promise.all(consumers.map((c) => c.stop()));
        await server?.stop('SIGINT');
        rmSync(scratch, { recursive: true, force: true });
      }, 60_000);

      it('the bin/ of npm run kafka: every tool the milestone uses runs its main class for this version', async () => {
        const tools = readdirSync(home.binDir).filter((name) => name.endsWith('.sh') && !name.startsWith('zookeeper-'));
        expect(tools, `the tools in ${home.binDir}`).toEqual(
          expect.arrayContaining(MILESTONE_TOOLS.filter((t) => !t.startsWith('zookeeper-')).map((t) => `${t}.sh`)),
        );
        for (const tool of tools) {
          // kafka-storage has no --version; random-uuid is what step 1 asks of it first.
          const command = tool === 'kafka-storage.sh' ? `${tool} random-uuid` : `${tool} --version`;
          const result = await runHand(command, scratch, env, 60_000);
          expect(result.exitCode, shownCommand(result)).toBe(0);
          expect(result.stdout.trim().split('\n').at(-1), shownCommand(result)).toMatch(
            tool === 'kafka-storage.sh' ? /^[\w-]{22}$/ : new RegExp(`^${kafkaVersion.replaceAll('.', '\\.')}\\b`),
          );
        }
      });

      it('step 1: format config/server.properties with kafka-storage.sh, start it with kafka-server-start.sh, check it with kafka-broker-api-versions.sh', () => {
        expect(home.serverProperties, 'npm run kafka lays out the config step 1 names').toMatch(
          new RegExp(`${dialect.serverProperties.replaceAll('.', '\\.')}$`),
        );
        expect(
          readFileSync(home.serverProperties, 'utf8'),
          "the learner's server.properties is the one this spec runs, on its default ports",
        ).toBe(learnerServerProperties(kafkaVersion));
        const { formatted, checked } = step1.result();
        expectPrinted('1', formatted, /Formatting .*logs/, 'the storage directory it formatted');
        expectPrinted('1', checked, `${bootstrap} (id: 1 rack: null`, 'the broker it found, with its id');
      });

      it('step 3: create OrderReceived with kafka-topics.sh, then describe it', () => {
        const { created, described } = step3.result();
        expectPrinted('3', created, `Created topic ${first.name}.`, 'the topic exists now');
        expectPrinted('3', described, `PartitionCount: ${first.partitions}`, "the catalog's partitions");
        expectPrinted(
          '3',
          described,
          `ReplicationFactor: ${first.replicationFactor}`,
          "the catalog's replication factor",
        );
        const leaders = described.output.split('\n').filter((line) => /Partition: \d+\s+Leader: 1\b/.test(line));
        expect(leaders.length, `step 3: a Leader for every partition in:\n${described.output}`).toBe(first.partitions);
        expect(described.output, 'step 3: retention is not set on the topic yet').not.toContain('retention.ms');
      });

      it("step 4: raise OrderReceived's retention with kafka-configs.sh --add-config, then describe its configs", () => {
        const { altered, described } = step4.result();
        expectPrinted('4', altered, `Completed updating config for topic ${first.name}.`, 'the change was accepted');
        const retention = first.configs['retention.ms'] ?? '';
        expectPrinted(
          '4',
          described,
          new RegExp(
            `retention\\.ms=${retention} sensitive=false synonyms=\\{DYNAMIC_TOPIC_CONFIG:retention\\.ms=${retention}`,
          ),
          'three days, set on the topic',
        );
        expectPrinted(
          '4',
          described,
          /cleanup\.policy=delete sensitive=false synonyms=\{DYNAMIC_TOPIC_CONFIG/,
          'the step-3 configs kept',
        );
      });

      it('step 5: create the other four topics with kafka-topics.sh', () => {
        expect(commandsOf('5').length, 'one command per other topic').toBe(others.length);
        for (const [index, created] of step5.result().entries()) {
          expectPrinted('5', created, `Created topic ${others[index]?.name}.`, 'the topic exists now');
        }
      });

      it("steps 3-5 with the CLI: list, describe the five, describe every topic's configs, then npm run verify passes", () => {
        const { listed, described, configured, checked } = step35.result();
        for (const topic of catalog) {
          expect(listed.stdout.split('\n'), `step 3-5 CLI: \`${listed.command}\` lists ${topic.name}`).toContain(
            topic.name,
          );
          expectPrinted(
            '3-5 CLI',
            described,
            `Topic: ${topic.name}\t`,
            'every topic of the catalog, by the regular expression',
          );
          expectPrinted(
            '3-5 CLI',
            configured,
            new RegExp(
              `configs for topic ${topic.name} are:\\n(  .*\\n)*  retention\\.ms=${topic.configs['retention.ms'] ?? ''} `,
            ),
            "each topic's own retention",
          );
        }
        expect(checked.exitCode, `step 3-5 CLI: after the commands above, ${shownCommand(checked)}`).toBe(0);
        expectPrinted(
          '3-5 CLI',
          checked,
          /checklist: [1-9]\d* passed, 0 failed/,
          "every check of the learner's topics passed",
        );
      });

      it("step 6: publish OrderReceived's example with jq and the console producer, consume it back with its key", () => {
        const { consumed } = step6.result();
        expectPrinted(
          '6',
          consumed,
          step6Expected,
          'the key (the order id), a tab, the value byte for byte, within 60 s',
        );
      });

      it(`step 6: publish ${deadLetter.name}'s example keyed by the order id of the record it holds, consume it back`, () => {
        const { consumedError } = step6.result();
        expectPrinted(
          '6',
          consumedError,
          step6ErrorExpected,
          `the key (the order id ${example.subject}, the failed record's key, not the subject ${errorExample.subject}), a tab, the value byte for byte, within 60 s`,
        );
      });

      it("step 7: a line that is not JSON into OrderReceived; the repository's EventConsumer dead-letters it; the console consumer shows the error event", () => {
        const { errorEvent, consumed } = step7.result();
        expect(errorEvent.data.reason.code, "step 7: the EventConsumer's reason for the not-JSON line").toBe(
          'NOT_JSON',
        );
        expectPrinted('7', consumed, '"NOT_JSON"', 'the error event with its reason code, within 60 s');
        expect(consumed.output, `step 7: \`${consumed.command}\` shows the error event's headers`).toMatch(
          /content-type:application\/cloudevents\+json/,
        );
      });
    },
  );
}
