/**
 * `npm run consume`: the order pipeline's consumer in the foreground, for step 7 by hand. It runs
 * the repository's EventConsumer on the catalog's event topics (every topic but the error topic),
 * prints one line per record (handled, or dead-lettered with its reason and the error event's id),
 * and on Ctrl-C finishes what it holds, commits, leaves its group and prints a summary.
 *
 *   npm run consume                                  # localhost:9092, group order-pipeline
 *   KAFKA_BROKERS=kafka:9092 TOPIC_PREFIX=staging. npm run consume   # group staging.order-pipeline
 *   CONSUMER_GROUP=my-group npm run consume          # another group
 *   npm run consume -- --confirm                     # step 9: ConfirmConsumer, group order-confirm (support/cli/consume-confirm.ts)
 *
 * It reads the variables npm run verify reads (KAFKA_BROKERS, KAFKA_SSL_*, KAFKA_SASL_*, TOPIC_PREFIX,
 * TOPIC_CATALOG), with KAFKA_BROKERS=localhost:9092 when unset. A group with no committed offsets
 * starts at the beginning of each topic, so a record written before its first start is not skipped.
 * Bad input or environment is one line on stderr and exit status 1.
 */
import type { Admin, Kafka as KafkaClient } from 'kafkajs';
import { explainRefusal } from '../broker/external/connection-failure.js';
import { kafkaProbeMessage, probeBrokers } from '../broker/kafka-probe.js';
import { kafkajsConfig } from '../broker/kafkajs-config.js';
import { topicExample } from '../consumer-harness/topic-examples.js';
import {
  errorEventType,
  type EventType,
  Kafka,
  EventConsumer,
  recordCoordinates,
  type SubscribedTopic,
} from '@kafka-event-spec/events';
import type { CatalogTopic } from '../topics/topic-catalog.js';
import { readVerifyTarget, type VerifyTarget } from '../verify/verify-target.js';
import { checkConfirmTopics, confirmConsumer, confirmTopics } from './consume-confirm.js';
import { ConsumeInputError, type RunningConsumer } from './consume-shared.js';
import { endCli } from './end-cli.js';

export const DEFAULT_BROKERS = 'localhost:9092';
/** The group's name after TOPIC_PREFIX; CONSUMER_GROUP replaces the whole name. */
export const DEFAULT_GROUP = 'order-pipeline';
/**
 * The confirm consumer's (--confirm): another application, so a group of its own. In the pipeline's
 * group it would commit the pipeline's offsets (records the pipeline then never reads) and, run
 * beside it, share the group's partitions with a consumer that does something else with them.
 */
export const DEFAULT_CONFIRM_GROUP = 'order-confirm';
/** Ctrl-C to exit: what stop() may take before the consumer gives up on a clean exit. */
const STOP_WITHIN_MS = 12_000;
/** Start-up, once the broker answered: the admin's look at the topics, then joining the group. */
const START_WITHIN_MS = 30_000;
/**
 * Two signals this close together are one Ctrl-C relayed twice, not a second press: in a terminal
 * the consumer gets SIGINT from the terminal and again from npm, which forwards it to its script
 * when it is next scheduled, late on a loaded machine. A second press to quit comes later than this.
 */
const SAME_CTRL_C_MS = 1_000;

/** Bounded, as npm run verify's: a wrong address ends in seconds, not kafkajs' default minutes. */
const CONNECT = {
  connectionTimeout: 5_000,
  requestTimeout: 15_000,
  retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 2_000 },
};

const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

function targetFromEnv(): VerifyTarget {
  const brokers = process.env.KAFKA_BROKERS?.trim();
  return readVerifyTarget({
    ...process.env,
    KAFKA_BROKERS: brokers === undefined || brokers === '' ? DEFAULT_BROKERS : brokers,
  });
}

/** The catalog topic's event type: the type of its example, examples/<event>.json. */
function eventTypeOf(topic: CatalogTopic): EventType {
  try {
    return topicExample(topic).eventType;
  } catch (error) {
    throw new ConsumeInputError(
      `the topic catalog's ${topic.name} carries "${topic.event}", whose example does not name an event type: ${(error as Error).message.split('\n')[0] ?? ''}`,
    );
  }
}

export interface Topics {
  sources: SubscribedTopic[];
  deadLetter: string;
}

function topicsOf(target: VerifyTarget): Topics {
  const typed = target.catalog.map((topic) => ({
    topic: `${target.prefix}${topic.name}`,
    eventType: eventTypeOf(topic),
  }));
  const errorTopics = typed.filter((t) => t.eventType === errorEventType);
  const [errorTopic] = errorTopics;
  if (errorTopic === undefined || errorTopics.length > 1)
    throw new ConsumeInputError(
      `the topic catalog ${target.catalogFile} must have exactly one error topic (a topic whose event is "error"); it has ${errorTopics.length}.`,
    );
  return { sources: typed.filter((t) => t !== errorTopic), deadLetter: errorTopic.topic };
}

function createTopicsHint(target: VerifyTarget): string {
  const settings = [
    `BOOTSTRAP_SERVER=${target.brokers.join(',')}`,
    ...(target.prefix === '' ? [] : [`TOPIC_PREFIX=${target.prefix}`]),
  ].join(' ');
  return `create the catalog's topics with KAFKA_HOME=<your Kafka> ${settings} scripts/shell/create_topics.sh (or step 5's commands in docs/learn-kafka.md)`;
}

const NOT_ALLOWED = /(TOPIC|GROUP|CLUSTER)_AUTHORIZATION_FAILED|not authorized/i;

/** Why the cluster refused, as one line; kafkajs' own words otherwise. */
function refusal(target: VerifyTarget, error: unknown): ConsumeInputError {
  const where = `KAFKA_BROKERS=${target.brokers.join(',')}`;
  const text =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  if (NOT_ALLOWED.test(text) || NOT_ALLOWED.test(String((error as { type?: unknown }).type)))
    return new ConsumeInputError(
      `${where}: the principal may not do what the consumer needs (${text}): READ on the event topics and on its group, WRITE and DESCRIBE_CONFIGS on the error topic.`,
    );
  const explained = explainRefusal(error, target, '');
  if (explained !== undefined) return new ConsumeInputError(explained);
  return new ConsumeInputError(
    `${where} answers as Kafka, but the consumer could not use it: ${text}. Check the broker's advertised.listeners and the KAFKA_SSL_*/KAFKA_SASL_* settings.`,
  );
}

/** The topics the consumer needs, on the cluster: one line naming every missing one. */
async function checkTopics(admin: Admin, target: VerifyTarget, topics: Topics): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missingSources = topics.sources.map((t) => t.topic).filter((t) => !existing.has(t));
  const missingErrorTopic = !existing.has(topics.deadLetter);
  if (!missingErrorTopic && missingSources.length === 0) return;
  const parts = [
    ...(missingErrorTopic ? [`the error topic ${topics.deadLetter}`] : []),
    ...(missingSources.length === 0
      ? []
      : [`the event topic${missingSources.length === 1 ? '' : 's'} ${missingSources.join(', ')}`]),
  ];
  throw new ConsumeInputError(
    `${parts.join(' and ')} ${parts.length === 1 && missingSources.length <= 1 ? 'does' : 'do'} not exist on ${target.brokers.join(',')}: ${createTopicsHint(target)}.`,
  );
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ConsumeInputError(`${what} did not happen within ${ms / 1000} s.`));
    }, ms);
  });
  return Promise.race([work, late]).finally(() => {
    clearTimeout(timer);
  });
}

/** What the consumer did since it started, for the summary. */
class Tally {
  handled = 0;
  private readonly reasons = new Map<string, number>();

  deadLettered(code: string): void {
    this.reasons.set(code, (this.reasons.get(code) ?? 0) + 1);
  }

  /** `handled 3, dead-lettered 2 (NOT_JSON 1, SCHEMA_INVALID 1)`. */
  summary(): string {
    const total = [...this.reasons.values()].reduce((a, b) => a + b, 0);
    const byReason = [...this.reasons.entries()].map(([code, n]) => `${code} ${n}`).join(', ');
    return `handled ${this.handled}, dead-lettered ${total}${total === 0 ? '' : ` (${byReason})`}`;
  }
}

/** The key as text (the order id), as the console consumer prints it; `null` for none. */
function keyText(key: Uint8Array | null): string {
  return key === null ? 'null' : JSON.stringify(Buffer.from(key).toString('utf8')).slice(1, -1);
}

/** The order pipeline's consumer (step 7): EventConsumer on every event topic, a line per record. */
function pipelineConsumer({
  kafka,
  groupId,
  topics,
  gaveUp,
}: {
  kafka: KafkaClient;
  groupId: string;
  topics: Topics;
  gaveUp: () => void;
}): RunningConsumer {
  const tally = new Tally();
  const consumer = new EventConsumer({
    kafka,
    groupId,
    topics: topics.sources,
    deadLetterTopic: topics.deadLetter,
    fromBeginning: true,
    // The order pipeline's handler, for now: the event is valid, and its line says so.
    handle: () => undefined,
    // An idle fetch waits at most this long, so Ctrl-C is not held up by one.
    consumerConfig: { maxWaitTimeInMs: 1_000 },
    listeners: {
      onGroupJoined: ({ assignment }) => {
        const held = Object.entries(assignment)
          .map(([topic, partitions]) => `${topic} ${[...partitions].sort((a, b) => a - b).join(',')}`)
          .join('; ');
        say(`consume: joined group ${groupId}: ${held === '' ? 'no partitions (other members hold them all)' : held}`);
      },
      onHandled: ({ record, event }) => {
        tally.handled += 1;
        say(`${recordCoordinates(record)} key=${keyText(record.key)} handled ${event.type}`);
      },
      onDeadLettered: ({ record, errorEvent }) => {
        const code = errorEvent.data.reason.code;
        tally.deadLettered(code);
        say(
          `${recordCoordinates(record)} key=${keyText(record.key)} dead-lettered ${code} error event ${errorEvent.id}`,
        );
      },
      onDeadLetterFailed: ({ record, refusal: why, retryInMs }) => {
        process.stderr.write(
          `consume: ${recordCoordinates(record)}: ${topics.deadLetter} did not take its error event (${why}); ${retryInMs === undefined ? 'giving up' : `trying again in ${(retryInMs / 1000).toFixed(1)} s`}\n`,
        );
      },
      onGaveUp: ({ record }) => {
        process.stderr.write(
          `consume: ${topics.deadLetter} kept refusing the error event of ${recordCoordinates(record)}: stopping, with that record uncommitted (the group's next consumer starts there).\n`,
        );
        gaveUp();
      },
    },
  });
  return { consumer, summary: () => tally.summary() };
}

async function main(): Promise<void> {
  const target = targetFromEnv();
  const topics = topicsOf(target);
  const confirmMode = process.argv.slice(2).includes('--confirm');
  const groupId =
    process.env.CONSUMER_GROUP?.trim() || `${target.prefix}${confirmMode ? DEFAULT_CONFIRM_GROUP : DEFAULT_GROUP}`;
  const brokers = target.brokers.join(',');

  const probe = await probeBrokers(target.brokers, { tls: target.tls });
  if (!probe.ok) throw new ConsumeInputError(probe.results.map(kafkaProbeMessage).join('; '));

  const kafka = new Kafka(kafkajsConfig(target, 'order-pipeline-consume', CONNECT));
  const admin = kafka.admin();
  try {
    await withDeadline(
      (async () => {
        await admin.connect();
        // The confirm consumer needs its four topics only; the pipeline's consumer every catalog topic.
        if (confirmMode)
          await checkConfirmTopics(admin, {
            target,
            topics: confirmTopics(target, topics),
            catalogHint: createTopicsHint(target),
          });
        else await checkTopics(admin, target, topics);
      })(),
      START_WITHIN_MS,
      `reading the topics of ${brokers}`,
    );
  } catch (error) {
    throw error instanceof ConsumeInputError ? error : refusal(target, error);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }

  let exitCode = 0;
  const gaveUp = () => {
    exitCode = 1;
    void finish('gave up');
  };
  const run: RunningConsumer = confirmMode
    ? confirmConsumer({ kafka, groupId, topics: confirmTopics(target, topics), say, gaveUp })
    : pipelineConsumer({ kafka, groupId, topics, gaveUp });
  const { consumer } = run;

  let stopping: Promise<void> | undefined;
  let firstSignalAt = 0;
  const finish = (why: string): Promise<void> => {
    stopping ??= (async () => {
      if (why !== 'gave up')
        say(
          `consume: ${why}: finishing what it holds, committing, leaving group ${groupId} (Ctrl-C again to quit at once)`,
        );
      try {
        await withDeadline(consumer.stop(), STOP_WITHIN_MS, `stopping the consumer`);
        say(`consume: committed and left group ${groupId}: ${run.summary()}`);
      } catch (error) {
        exitCode = 1;
        process.stderr.write(`consume: ${(error as Error).message} ${run.summary()}\n`);
      }
      process.exit(exitCode);
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (stopping === undefined) {
      firstSignalAt = now;
      void finish(signal === 'SIGINT' ? 'Ctrl-C' : signal);
      return;
    }
    if (now - firstSignalAt < SAME_CTRL_C_MS) return;
    process.stderr.write(
      `consume: ${signal === 'SIGINT' ? 'Ctrl-C' : signal} again: quitting at once; what was not committed is read again by the group's next consumer. ${run.summary()}\n`,
    );
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  say(
    confirmMode
      ? `consume: group ${groupId} (CONSUMER_GROUP to change it) at ${brokers}: confirming the orders of ${confirmTopics(target, topics).orderReceived} into ${confirmTopics(target, topics).orderConfirmed}, exactly once (transactions; state in ${confirmTopics(target, topics).confirmedOrders}); error events go to ${topics.deadLetter}`
      : `consume: group ${groupId} (CONSUMER_GROUP to change it) at ${brokers}: reading ${topics.sources.map((t) => `${t.topic} (${t.eventType})`).join(', ')}; error events go to ${topics.deadLetter}`,
  );
  try {
    await withDeadline(consumer.start(), START_WITHIN_MS, `joining group ${groupId} at ${brokers}`);
  } catch (error) {
    if (stopping !== undefined) return;
    await consumer.stop().catch(() => undefined);
    throw error instanceof ConsumeInputError ? error : refusal(target, error);
  }
  if (stopping === undefined) say('consume: running; Ctrl-C stops it');
}

endCli('consume', main, { exit: 'now' });
