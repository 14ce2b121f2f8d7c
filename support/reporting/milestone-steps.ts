/**
 * The workflow steps of the milestone "Kafka Basics Using the Command Line", the spec files that
 * prove each one (by file name: specs/<project>/step-N-*.spec.ts) and how to do it by hand; and the
 * steps beyond it, which the checklist shows in a section of their own and never counts for
 * "milestone proven".
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogTopic } from '../topics/topic-catalog.js';
import {
  alterTopicConfigsCommand,
  catalogConfigs,
  confirmConsumerCommand,
  consumeFromStartCommand,
  createTopicCommand,
  describeTopicCommand,
  describeTopicConfigsCommand,
  EXAMPLE_KEY_JQ,
  listTopicsCommand,
  type KafkaCliDialect,
  pipelineConsumerCommand,
  produceExampleCommand,
  produceSecondSubmitCommand,
  produceUnparseableCommand,
  startBrokerCommands,
  verifyCommand,
} from '../kafka-tools/kafka-cli-commands.js';
import { CONFIRMED_ORDERS_TOPIC } from '../topics/confirmed-orders-topic.js';
import { RETENTION_MS } from '../topics/topic-config-names.js';

export interface MilestoneStep {
  /** How the milestone numbers the step: "1" ... "8", and "3-5 CLI" for steps 3 to 5 done with Kafka's tools. */
  label: string;
  title: string;
  /** The spec files that prove the step, as a glob a person can type. */
  specGlob: string;
  /** The same, as a test on a repository-relative POSIX path. */
  provenBy: (specFile: string) => boolean;
  /** What a person types to do the step with Kafka's own tools (or other everyday tools). */
  byHand: string[];
}

/** The catalog's topics in the roles the milestone gives them. */
export interface TopicRoles {
  /** Steps 3 and 4 are about the first topic of an order's story, the one order_received events go to. */
  first: CatalogTopic;
  /** Step 5: every other topic, configured the same way. */
  others: CatalogTopic[];
  deadLetter: CatalogTopic;
}

/** The event base name (the example file) of the first topic and of the dead-letter topic. */
const FIRST_EVENT = 'order_received';
const DEAD_LETTER_EVENT = 'error';
const CONFIRMED_EVENT = 'order_confirmed';
/** Step 9's second submit of the example order: a fixed new event id, so that the page shows a command to copy. */
const SECOND_SUBMIT_EVENT_ID = '5e2b7c1d-9a4f-4e3b-8c6d-2f1a0b9e8d7c';

export function topicRoles(catalog: CatalogTopic[]): TopicRoles {
  const byEvent = (event: string): CatalogTopic => {
    const topic = catalog.find((t) => t.event === event);
    if (topic === undefined) throw new Error(`the topic catalog has no topic for the ${event} event`);
    return topic;
  };
  const first = byEvent(FIRST_EVENT);
  return { first, others: catalog.filter((t) => t !== first), deadLetter: byEvent(DEAD_LETTER_EVENT) };
}

function stepSpec(n: number): Pick<MilestoneStep, 'specGlob' | 'provenBy'> {
  // step-1-… must not also claim step-10-…: the number is followed by a dash.
  // *.spec-d.ts: type specs, which vitest's typecheck mode runs.
  const pattern = new RegExp(`^specs/(?:[^/]+/)*step-${n}-[^/]*\\.spec(?:-d)?\\.ts$`);
  return { specGlob: `specs/**/step-${n}-*.spec{,-d}.ts`, provenBy: (file) => pattern.test(file) };
}

function humanDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}${ms === size ? '' : 's'}`;
  }
  return `${ms} ms`;
}

function retentionPhrase(topic: CatalogTopic): string {
  const retention = topic.configs[RETENTION_MS];
  if (retention === undefined) return "has the catalog's configs";
  return `keeps events for ${humanDuration(Number(retention))} (retention.ms=${retention})`;
}

/** The order a person runs the milestone's shell scripts in; any other script follows, by name. */
const SCRIPT_ORDER = ['start_kafka.sh', 'create_topics.sh'];

/** Needed only on Kafka 3.x, which still has ZooKeeper mode. */
const ZOOKEEPER_SCRIPT = 'start_zookeeper.sh';

function scriptRank(name: string): number {
  const rank = SCRIPT_ORDER.indexOf(name);
  return rank === -1 ? SCRIPT_ORDER.length : rank;
}

/** scripts/shell/*.sh and the docker-compose setup on disk, as a person runs them from the repository root. */
function deliverableScriptCommands(repoRoot: string): string[] {
  const filesIn = (dir: string): string[] => {
    const full = join(repoRoot, dir);
    return existsSync(full) ? readdirSync(full) : [];
  };
  const shellScripts = filesIn('scripts/shell').filter((name) => name.endsWith('.sh'));
  const commands = shellScripts
    .filter((name) => name !== ZOOKEEPER_SCRIPT)
    .sort((a, b) => scriptRank(a) - scriptRank(b) || a.localeCompare(b))
    .map((name) => `KAFKA_HOME=<unpacked Kafka> scripts/shell/${name}`);
  if (shellScripts.includes(ZOOKEEPER_SCRIPT)) {
    commands.push(
      `(Kafka 3.x with ZooKeeper: scripts/shell/${ZOOKEEPER_SCRIPT}, then scripts/shell/start_kafka.sh --zookeeper)`,
    );
  }
  const compose = filesIn('scripts/docker-compose');
  if (compose.includes('Makefile')) commands.push('make -C scripts/docker-compose up');
  else {
    const file = compose.find((name) => /^(docker-)?compose\.ya?ml$/.test(name));
    if (file !== undefined) commands.push(`docker compose -f scripts/docker-compose/${file} up`);
  }
  return commands.length > 0 ? commands : ['(scripts/shell/ and scripts/docker-compose/ hold no scripts yet)'];
}

export function milestoneSteps(catalog: CatalogTopic[], dialect: KafkaCliDialect, repoRoot: string): MilestoneStep[] {
  const { first, others, deadLetter } = topicRoles(catalog);
  const firstSchema = first.event.replaceAll('_', '-');
  const orderEventTopics = others
    .filter((t) => t !== deadLetter)
    .map((t) => `${t.name} with examples/${t.event}.json`)
    .join(', ');
  return [
    {
      label: '1',
      title: `A Kafka broker is running (KRaft, Kafka ${dialect.kafkaVersion} commands shown)`,
      ...stepSpec(1),
      byHand: [
        `(in the KAFKA_HOME that npm run kafka:jars prints, or an unpacked Kafka ${dialect.kafkaVersion} download; ${dialect.serverProperties} is there)`,
        ...startBrokerCommands(dialect).slice(0, 2),
        '(it runs until Ctrl-C; in another terminal:)',
        ...startBrokerCommands(dialect).slice(2),
      ],
    },
    {
      label: '2',
      title: `The ${catalog.length} events have JSON Schemas; every example is valid, every broken twin is rejected`,
      ...stepSpec(2),
      byHand: [
        `npx ajv-cli validate --spec=draft2020 -c ajv-formats -s schemas/${firstSchema}.schema.json -r "schemas/!(${firstSchema}).schema.json" -d examples/${first.event}.json`,
      ],
    },
    {
      label: '3',
      title: `Topic ${first.name} is created with ${first.partitions} partitions, replication factor ${first.replicationFactor}`,
      ...stepSpec(3),
      byHand: [
        createTopicCommand(
          first,
          catalogConfigs(first, (name) => name !== RETENTION_MS),
        ),
        describeTopicCommand(first.name),
      ],
    },
    {
      label: '4',
      title: `${first.name} ${retentionPhrase(first)}`,
      ...stepSpec(4),
      byHand: [
        alterTopicConfigsCommand(
          first,
          catalogConfigs(first, (name) => name === RETENTION_MS),
        ),
        describeTopicConfigsCommand(first.name),
      ],
    },
    {
      label: '5',
      title: `${others.map((t) => t.name).join(', ')} are created with the same configuration`,
      ...stepSpec(5),
      byHand: others.map((topic) => createTopicCommand(topic, catalogConfigs(topic))),
    },
    {
      label: '3-5 CLI',
      title: "Steps 3 to 5 done with Kafka's own kafka-topics and kafka-configs give the same topics",
      specGlob: 'specs/kafka/cli-*.spec.ts',
      provenBy: (file) => /^specs\/kafka\/cli-[^/]*\.spec\.ts$/.test(file),
      byHand: [
        '(the commands of steps 3, 4 and 5 above, in that order), then:',
        listTopicsCommand(),
        describeTopicCommand(catalog.map((t) => t.name).join('|')),
        describeTopicConfigsCommand(),
        '(then check your topics, read-only:)',
        verifyCommand(),
      ],
    },
    {
      label: '6',
      title: 'An example of each event is published to its topic and consumed back unchanged',
      ...stepSpec(6),
      byHand: [
        produceExampleCommand(first, dialect),
        consumeFromStartCommand(first, dialect),
        `(the same for ${orderEventTopics}; an error event's subject is the failed record's topic/partition/offset, so ${deadLetter.name}'s example is keyed by the key of the record it holds, the order id:)`,
        produceExampleCommand(deadLetter, dialect, EXAMPLE_KEY_JQ.errorEvent),
      ],
    },
    {
      label: '7',
      title: `An event that cannot be processed goes to ${deadLetter.name} with its reason; nothing is lost`,
      ...stepSpec(7),
      byHand: [
        `(in a second terminal, in the repository: the order pipeline's consumer; it prints its group, then a line per record, until Ctrl-C)`,
        pipelineConsumerCommand(),
        '(back in the first terminal:)',
        produceUnparseableCommand(first),
        `(the consumer cannot parse it: it prints "${first.name}/<partition>/<offset> key=null dead-lettered NOT_JSON error event <id>" and goes on; see that error event, with its headers:)`,
        consumeFromStartCommand(deadLetter, dialect, true),
        `(Ctrl-C in the consumer's terminal: it commits, leaves its group and prints "handled <n>, dead-lettered <m> (NOT_JSON 1)")`,
      ],
    },
    {
      label: '8',
      title: 'The deliverable scripts work',
      ...stepSpec(8),
      byHand: deliverableScriptCommands(repoRoot),
    },
  ];
}

/** Steps beyond the milestone: the next milestone's first step. Shown apart; not part of the verdict. */
export function beyondMilestoneSteps(catalog: CatalogTopic[], dialect: KafkaCliDialect): MilestoneStep[] {
  const { first } = topicRoles(catalog);
  const confirmed = catalog.find((t) => t.event === CONFIRMED_EVENT);
  return [
    {
      label: '9',
      title: `Beyond the milestone: each order gets exactly one OrderConfirmed, with Kafka transactions (ConfirmConsumer)`,
      ...stepSpec(9),
      byHand: [
        `(once: the confirm consumer's state topic, compacted, as scripts/topic-catalog.txt's line marked beyond the milestone (#+) says)`,
        createTopicCommand(CONFIRMED_ORDERS_TOPIC, catalogConfigs(CONFIRMED_ORDERS_TOPIC)),
        `(in a second terminal, in the repository: the confirm consumer, in a group of its own, order-confirm; it reads ${first.name} from the beginning, so step 6's order is "confirmed" and step 7's line that is not JSON "dead-lettered NOT_JSON"; then a line per record, one per committed transaction, until Ctrl-C)`,
        confirmConsumerCommand(),
        `(back in the first terminal: step 6's order again, the same event, as a redelivery brings it; then a customer's double submit, a new event with the same order id)`,
        produceExampleCommand(first, dialect),
        produceSecondSubmitCommand(first, dialect, SECOND_SUBMIT_EVENT_ID),
        `(the consumer prints "redelivery: already confirmed" for the first and "double submit: already confirmed" for the second; read OrderConfirmed as its readers must, read_committed: one record of the consumer's for the order, beside step 6's example if you wrote it:)`,
        `${consumeFromStartCommand(confirmed ?? first, dialect)} --isolation-level read_committed`,
        `(Ctrl-C in the consumer's terminal: it leaves its group and prints "confirmed 1, duplicates 2, dead-lettered 1")`,
      ],
    },
  ];
}
