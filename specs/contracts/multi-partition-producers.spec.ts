/**
 * Every producer send in the repository, and why it can trust kafkajs. kafkajs 2.2.4 can resolve a
 * send that spans partitions without writing some of them (tulios/kafkajs#1303;
 * support/lib/pipeline/acknowledged-partitions.ts). So a send to one partition trusts it; a send to
 * several checks its acknowledgements, or its caller reads the topic back. A new send anywhere fails
 * this spec until it is listed here with its guard: none can slip in unexamined.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordMetadata } from 'kafkajs';
import { placedByKey } from '#support/consumer-harness/index.js';
import { Partitioners, unacknowledgedPartitions } from '@kafka-event-spec/events';
import { REPO_ROOT } from '#support/repository/index.js';

type Guard =
  /** One record per send, or records of one key (one partition): nothing to skip. */
  | 'one partition'
  /** Each record placed, the send's acknowledgements checked against those partitions. */
  | 'acknowledged'
  /** The caller reads the topic back and counts what is there, not what was sent. */
  | 'reads back';

interface Sends {
  readonly sends: number;
  readonly guard: Guard;
  readonly why: string;
  /** Text the file must hold, where the guard lives; for 'acknowledged', in this file or `checkedIn`. */
  readonly evidence?: string;
  readonly checkedIn?: string;
}

const SENDS: Record<string, Sends> = {
  'support/lib/pipeline/dead-letter-route.ts': {
    sends: 1,
    guard: 'acknowledged',
    why: 'places each error event and retries a partition the send did not acknowledge',
    evidence: 'unacknowledgedPartitions(',
  },
  'support/lib/pipeline/event-consumer.ts': {
    sends: 1,
    guard: 'acknowledged',
    why: "the dead-letter route's producer: every send comes from the route, which checks it",
    evidence: 'deadLetterRoute({',
    checkedIn: 'support/lib/pipeline/dead-letter-route.ts',
  },
  'specs/kafka/step-9-aborted-transactions.spec.ts': {
    sends: 3,
    guard: 'one partition',
    why: 'one record per transaction: the lesson reads back what each isolation level shows',
  },
  'support/lib/pipeline/acknowledged-partitions.ts': {
    sends: 1,
    guard: 'acknowledged',
    why: "sendPlaced, the one send of placed records: step 9's transactional sends (OrderConfirmed, ConfirmedOrders) and the harness's sends to several partitions (the bench's writes, the read+write floor)",
    evidence: 'unacknowledgedPartitions(',
  },
  'support/consumer-harness/dead-letter-bench.ts': {
    sends: 1,
    guard: 'one partition',
    why: 'one record per send, so that their order in a partition is the order given',
  },
  'support/cluster/fault-bench.ts': {
    sends: 1,
    guard: 'reads back',
    why: 'writeStream reads the source topic back and takes the poison set from what is there',
    evidence: 'readAllRecords(',
  },
  'support/scripts/send-and-read-back.ts': {
    sends: 1,
    guard: 'one partition',
    why: 'one record, to a topic of one partition, read back',
  },
  'specs/cluster/three-broker-faults.spec.ts': {
    sends: 2,
    guard: 'one partition',
    why: 'the acks=all probes: one record each, expected to be refused',
  },
  'specs/kafka/other-clients-partitioners.spec.ts': {
    sends: 1,
    guard: 'one partition',
    why: "one order's events, one key",
  },
  'specs/kafka/step-6-round-trips.spec.ts': {
    sends: 2,
    guard: 'one partition',
    why: 'one record per send',
  },
  'specs/kafka/step-7-consume-command.spec.ts': {
    sends: 1,
    guard: 'reads back',
    why: 'an order and a line that is not JSON; the spec waits for the consume command to print a line for each',
    evidence: 'consume.waitFor(',
  },
  'specs/kafka/step-7-dead-letter-route.spec.ts': {
    sends: 1,
    guard: 'one partition',
    why: 'three events of one order: one key',
  },
  'specs/kafka/step-7-oversized-records.spec.ts': {
    sends: 1,
    guard: 'one partition',
    why: 'one record, expected to be refused as too large',
  },
  'specs/kafka/step-8-create-topics-script.spec.ts': {
    sends: 1,
    guard: 'acknowledged',
    why: "one record to each of the five topics' partition 0, each acknowledgement asserted",
    evidence: 'unacknowledgedPartitions(',
  },
  'bench/consumer-variants.ts': {
    sends: 1,
    guard: 'one partition',
    why: "the naive kafkajs loop: one record per send (the floor's sends go through sendPlaced)",
  },
};

const SCANNED = ['support', 'specs', 'bench', 'examples', '.ci'];
const THIS_FILE = 'specs/contracts/multi-partition-producers.spec.ts';

/** The repository's TypeScript and JavaScript files, relative to its root. */
function sourceFiles(): string[] {
  return SCANNED.flatMap((dir) =>
    readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !file.includes('node_modules'))
      .map((file) => `${dir}/${file}`),
  ).filter((file) => file !== THIS_FILE);
}

/** The calls of a producer's send or sendBatch in `text`, comments aside. */
function sendCalls(text: string): number {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return (code.match(/\.send(?:Batch)?\(/g) ?? []).length;
}

describe('Every producer send in the repository is listed with the guard that makes it safe (tulios/kafkajs#1303)', () => {
  const found = new Map(
    sourceFiles()
      .map((file) => [file, sendCalls(readFileSync(join(REPO_ROOT, file), 'utf8'))] as const)
      .filter(([, sends]) => sends > 0),
  );

  it('no send is missing from the list, and the list names no send that is gone', () => {
    const differences = [...new Set([...found.keys(), ...Object.keys(SENDS)])]
      .filter((file) => (found.get(file) ?? 0) !== (SENDS[file]?.sends ?? 0))
      .map((file) => `${file}: ${found.get(file) ?? 0} send(s) in the file, ${SENDS[file]?.sends ?? 0} listed`);
    expect(
      differences,
      `${differences.join('; ')}: list each producer send in ${THIS_FILE} with its guard (one partition, acknowledged with sendPlaced or unacknowledgedPartitions, or read back)`,
    ).toEqual([]);
  });

  it.each(Object.entries(SENDS).filter(([, s]) => s.evidence !== undefined))(
    '%s shows its guard',
    (file, { guard, evidence, checkedIn }) => {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      expect(text, `${file} (${guard}) should hold "${evidence}"`).toContain(evidence);
      if (checkedIn !== undefined) {
        expect(
          readFileSync(join(REPO_ROOT, checkedIn), 'utf8'),
          `${checkedIn}, which checks ${file}'s sends`,
        ).toContain('unacknowledgedPartitions(');
      }
    },
  );
});

describe('A send to several partitions is trusted only for the partitions it acknowledged', () => {
  const ack = (partition: number, errorCode = 0): RecordMetadata => ({ topicName: 'T', partition, errorCode });

  it('a partition sent to but missing from the acknowledgements, or acknowledged with an error, is unacknowledged', () => {
    expect(
      unacknowledgedPartitions('T', [2, 0, 1, 0], [ack(0), ack(2, 19), { ...ack(1), topicName: 'other' }]),
    ).toEqual([1, 2]);
    expect(unacknowledgedPartitions('T', [0, 1], [ack(1), ack(0)])).toEqual([]);
  });

  it("placedByKey puts each keyed record where kafkajs's default partitioner would", () => {
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = [0, 1, 2].map((id) => ({
      partitionId: id,
      leader: 1,
      partitionErrorCode: 0,
      replicas: [1],
      isr: [1],
    }));
    const messages = Array.from({ length: 200 }, (_, i) => ({ key: `order-${i}`, value: 'v' }));

    const placed = placedByKey(messages, 3);

    expect(placed.map((m) => m.partition)).toEqual(
      messages.map((message) => partitioner({ topic: 'T', partitionMetadata, message })),
    );
  });
});
