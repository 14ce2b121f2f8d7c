import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect } from 'vitest';
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
import { type ErrorEvent, orderReceivedType } from '@kafka-event-spec/events';
import { REPO_ROOT } from '#support/repository/index.js';
import { topicRoles } from '#support/reporting/index.js';
import { brokerOfThisRun, notRunHere } from '#support/run/index.js';
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
      /** Steps 7 and 9's second terminal: `npm run consume`, stopped after the file if its step did not. */
      const pipelines: BackgroundHand[] = [];

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
        const result = await runHand(command, { cwd, env });
        if (result.exitCode !== 0)
          throw new Error(`step ${label}: a documented command failed: ${shownCommand(result)}`);
        return result;
      }

      /** Asserts that `result` printed `expected` (a string or a pattern), naming the step and the command. */
      function expectPrinted(
        result: Pick<HandRun, 'command' | 'output'>,
        expected: string | RegExp,
        because: { step: string; why: string },
      ): void {
        const { step: label, why } = because;
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
          checked: await runHand(verify ?? '', { cwd: REPO_ROOT, env, timeoutMs: 180_000 }),
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
      const confirmedExample = JSON.parse(
        readFileSync(join(REPO_ROOT, 'examples', 'order_confirmed.json'), 'utf8'),
      ) as { id: string };
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
      /** Ctrl-C, as the learner presses it in the consumer's terminal: within 15 s, or SIGKILL. */
      const CTRL_C_WITHIN_MS = 15_000;
      const step7 = walk.step('step 7', async () => {
        const [pipeline, produce, consume] = [at('7', 0), at('7', 1), at('7', 2)];
        // The second terminal: the order pipeline's consumer, as the page says to start it.
        const consumer = new BackgroundHand(pipeline, REPO_ROOT, env);
        pipelines.push(consumer);
        await consumer.waitFor(
          `step 7: \`${pipeline}\` should join its consumer group`,
          (out) => out.includes('consume: joined group '),
          60_000,
        );
        await run('7', produce);
        try {
          await consumer.waitFor(
            `step 7: \`${pipeline}\` should dead-letter the line \`${produce}\` wrote`,
            (out) => out.includes(' dead-lettered NOT_JSON '),
            60_000,
          );
        } catch {
          // Its test shows what it printed instead.
        }
        const consumed = await consumeUntil(consume, '"NOT_JSON"');
        const pressed = Date.now();
        await consumer.stop('SIGINT', CTRL_C_WITHIN_MS);
        return {
          pipeline: { command: pipeline, output: consumer.output, exitCode: consumer.exitCode ?? null },
          stoppedInMs: Date.now() - pressed,
          consumed,
        };
      });

      const step9 = walk.step('step 9', async () => {
        const [createState, confirm, redeliver, resubmit, readCommitted] = [
          at('9', 0),
          at('9', 1),
          at('9', 2),
          at('9', 3),
          at('9', 4),
        ];
        const created = await run('9', createState);
        // The second terminal again: the confirm consumer, in its own group, from the beginning.
        const consumer = new BackgroundHand(confirm, REPO_ROOT, env);
        pipelines.push(consumer);
        const committedAfter = (line: string) => (out: string) =>
          out.includes(line) && out.slice(out.indexOf(line)).includes('consume: committed transaction: ');
        /** Waits until the consumer printed `line` and then committed; its test shows what it printed instead. */
        const committed = async (line: string) => {
          try {
            await consumer.waitFor(
              `step 9: \`${confirm}\` should print "${line.trim()}", then commit`,
              committedAfter(line),
              60_000,
            );
          } catch {
            // Its test shows what it printed instead.
          }
        };
        await committed(' confirmed: OrderConfirmed ');
        await run('9', redeliver);
        await run('9', resubmit);
        await committed(' double submit: already confirmed ');
        const consumed = await consumeUntil(readCommitted, `${example.subject}\t`);
        const pressed = Date.now();
        await consumer.stop('SIGINT', CTRL_C_WITHIN_MS);
        return {
          created,
          confirm: { command: confirm, output: consumer.output, exitCode: consumer.exitCode ?? null },
          stoppedInMs: Date.now() - pressed,
          consumed,
        };
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
        await Promise.all(pipelines.map((p) => p.stop('SIGKILL')));
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
          const result = await runHand(command, { cwd: scratch, env, timeoutMs: 60_000 });
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
        expectPrinted(formatted, /Formatting .*logs/, { step: '1', why: 'the storage directory it formatted' });
        expectPrinted(checked, `${bootstrap} (id: 1 rack: null`, {
          step: '1',
          why: 'the broker it found, with its id',
        });
      });

      it('step 3: create OrderReceived with kafka-topics.sh, then describe it', () => {
        const { created, described } = step3.result();
        expectPrinted(created, `Created topic ${first.name}.`, { step: '3', why: 'the topic exists now' });
        expectPrinted(described, `PartitionCount: ${first.partitions}`, { step: '3', why: "the catalog's partitions" });
        expectPrinted(described, `ReplicationFactor: ${first.replicationFactor}`, {
          step: '3',
          why: "the catalog's replication factor",
        });
        const leaders = described.output.split('\n').filter((line) => /Partition: \d+\s+Leader: 1\b/.test(line));
        expect(leaders.length, `step 3: a Leader for every partition in:\n${described.output}`).toBe(first.partitions);
        expect(described.output, 'step 3: retention is not set on the topic yet').not.toContain('retention.ms');
      });

      it("step 4: raise OrderReceived's retention with kafka-configs.sh --add-config, then describe its configs", () => {
        const { altered, described } = step4.result();
        expectPrinted(altered, `Completed updating config for topic ${first.name}.`, {
          step: '4',
          why: 'the change was accepted',
        });
        const retention = first.configs['retention.ms'] ?? '';
        expectPrinted(
          described,
          new RegExp(
            `retention\\.ms=${retention} sensitive=false synonyms=\\{DYNAMIC_TOPIC_CONFIG:retention\\.ms=${retention}`,
          ),
          { step: '4', why: 'three days, set on the topic' },
        );
        expectPrinted(described, /cleanup\.policy=delete sensitive=false synonyms=\{DYNAMIC_TOPIC_CONFIG/, {
          step: '4',
          why: 'the step-3 configs kept',
        });
      });

      it('step 5: create the other four topics with kafka-topics.sh', () => {
        expect(commandsOf('5').length, 'one command per other topic').toBe(others.length);
        for (const [index, created] of step5.result().entries()) {
          expectPrinted(created, `Created topic ${others[index]?.name}.`, { step: '5', why: 'the topic exists now' });
        }
      });

      it("steps 3-5 with the CLI: list, describe the five, describe every topic's configs, then npm run verify passes", () => {
        const { listed, described, configured, checked } = step35.result();
        for (const topic of catalog) {
          expect(listed.stdout.split('\n'), `step 3-5 CLI: \`${listed.command}\` lists ${topic.name}`).toContain(
            topic.name,
          );
          expectPrinted(described, `Topic: ${topic.name}\t`, {
            step: '3-5 CLI',
            why: 'every topic of the catalog, by the regular expression',
          });
          expectPrinted(
            configured,
            new RegExp(
              `configs for topic ${topic.name} are:\\n(  .*\\n)*  retention\\.ms=${topic.configs['retention.ms'] ?? ''} `,
            ),
            { step: '3-5 CLI', why: "each topic's own retention" },
          );
        }
        expect(checked.exitCode, `step 3-5 CLI: after the commands above, ${shownCommand(checked)}`).toBe(0);
        expectPrinted(checked, /checklist: [1-9]\d* passed, 0 failed/, {
          step: '3-5 CLI',
          why: "every check of the learner's topics passed",
        });
      });

      it("step 6: publish OrderReceived's example with jq and the console producer, consume it back with its key", () => {
        const { consumed } = step6.result();
        expectPrinted(consumed, step6Expected, {
          step: '6',
          why: 'the key (the order id), a tab, the value byte for byte, within 60 s',
        });
      });

      it(`step 6: publish ${deadLetter.name}'s example keyed by the order id of the record it holds, consume it back`, () => {
        const { consumedError } = step6.result();
        expectPrinted(consumedError, step6ErrorExpected, {
          step: '6',
          why: `the key (the order id ${example.subject}, the failed record's key, not the subject ${errorExample.subject}), a tab, the value byte for byte, within 60 s`,
        });
      });

      it('step 7: npm run consume in a second terminal dead-letters a line that is not JSON; the console consumer shows the error event with its headers', () => {
        const { pipeline, consumed } = step7.result();
        expectPrinted(pipeline, `consume: group order-pipeline `, {
          step: '7',
          why: 'the consumer group it uses, at start',
        });
        expectPrinted(
          pipeline,
          new RegExp(
            `^${first.name}/\\d+/\\d+ key=${example.subject} handled ${orderReceivedType.replaceAll('.', '\\.')}$`,
            'm',
          ),
          { step: '7', why: "step 6's order, read from the beginning of a new group and handled" },
        );
        const deadLettered = new RegExp(
          `^${first.name}/\\d+/\\d+ key=null dead-lettered (\\S+) error event (\\S+)$`,
          'm',
        ).exec(pipeline.output);
        expect(
          deadLettered?.[1],
          `step 7: \`${pipeline.command}\` should print a "dead-lettered <reason> error event <id>" line for the line that is not JSON; it printed:\n${pipeline.output}`,
        ).toBe('NOT_JSON');
        expectPrinted(consumed, '"NOT_JSON"', {
          step: '7',
          why: `the error event in ${deadLetter.name} with its reason code, within 60 s`,
        });
        expect(consumed.output, `step 7: \`${consumed.command}\` shows the error event's headers`).toMatch(
          /content-type:application\/cloudevents\+json/,
        );
        expectPrinted(consumed, `"id":"${deadLettered?.[2] ?? '(no id printed)'}"`, {
          step: '7',
          why: `the very error event \`${pipeline.command}\` said it published`,
        });
      });

      it('step 7: Ctrl-C stops npm run consume within 15 s: it commits, leaves its group, prints its summary and exits 0', () => {
        const { pipeline, stoppedInMs } = step7.result();
        // npm, sent the Ctrl-C with its script, ends by that signal once the script is done (null),
        // whatever the script's status; the script's own exit 0 is step-7-consume-command's.
        expect(
          [0, null],
          `step 7: \`${pipeline.command}\` after Ctrl-C (${(stoppedInMs / 1000).toFixed(1)} s): expected to end within ${CTRL_C_WITHIN_MS / 1000} s; ${shownCommand(pipeline)}`,
        ).toContain(pipeline.exitCode);
        expect(stoppedInMs, `step 7: ms from Ctrl-C to the end of \`${pipeline.command}\``).toBeLessThan(
          CTRL_C_WITHIN_MS,
        );
        expectPrinted(
          pipeline,
          'consume: committed and left group order-pipeline: handled 1, dead-lettered 1 (NOT_JSON 1)',
          { step: '7', why: "the summary: step 6's order handled, the line that is not JSON dead-lettered" },
        );
      });

      it("step 9: npm run consume -- --confirm confirms step 6's order once; a redelivery and a double submit get no second OrderConfirmed, read read_committed", () => {
        const { created, confirm, stoppedInMs, consumed } = step9.result();
        expectPrinted(created, 'Created topic ConfirmedOrders.', { step: '9', why: 'the state topic exists now' });
        expectPrinted(confirm, 'consume: group order-confirm ', {
          step: '9',
          why: "a consumer group of its own, not step 7's order-pipeline",
        });
        const line = (what: string) => new RegExp(`^${first.name}/\\d+/\\d+ key=${what}`, 'm');
        expectPrinted(confirm, line(`${example.subject} confirmed: OrderConfirmed `), {
          step: '9',
          why: "step 6's order, read from the beginning of its new group and confirmed",
        });
        expectPrinted(confirm, line('null dead-lettered NOT_JSON'), {
          step: '9',
          why: "step 7's line that is not JSON, dead-lettered",
        });
        expectPrinted(confirm, line(`${example.subject} redelivery: already confirmed `), {
          step: '9',
          why: "step 6's event sent again: no second OrderConfirmed",
        });
        expectPrinted(confirm, line(`${example.subject} double submit: already confirmed `), {
          step: '9',
          why: 'a new event for the same order: no second OrderConfirmed',
        });
        expect(
          [0, null],
          `step 9: \`${confirm.command}\` after Ctrl-C (${(stoppedInMs / 1000).toFixed(1)} s); ${shownCommand(confirm)}`,
        ).toContain(confirm.exitCode);
        expectPrinted(
          confirm,
          'consume: committed and left group order-confirm: confirmed 1, duplicates 2, dead-lettered 1',
          {
            step: '9',
            why: 'the summary the page gives',
          },
        );
        // Step 6's example of OrderConfirmed, had it been written by hand, is not the consumer's.
        const ofTheConsumer = consumed.output
          .split('\n')
          .filter((l) => l.startsWith(`${example.subject}\t`) && !l.includes(`"id":"${confirmedExample.id}"`));
        expect(
          ofTheConsumer.length,
          `step 9: the consumer's OrderConfirmed records of order ${example.subject} that \`${consumed.command}\` printed:\n${consumed.output}`,
        ).toBe(1);
      });
    },
  );
}
