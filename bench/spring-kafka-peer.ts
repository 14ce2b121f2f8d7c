/**
 * One timed read by the Spring Kafka peer (bench/spring-kafka-peer/, built by
 * spring-kafka-peer-build.ts): a JVM of its own, started here, that says `assigned <read>` when its
 * group has its partitions and `done <read> <records> <ms>` when every record is handled (a poison
 * one once Spring's dead-letter send is acknowledged). Its records/s come from its `done` line,
 * timed in the JVM from the assignment, as the kafkajs rows are timed from the group join; its CPU
 * is the JVM's whole process (every thread: listener, fetcher, producer sender, JIT, GC) between
 * the two lines, read from /proc.
 *
 * JIT warm-up: each round is a fresh JVM that reads the topic twice, each time from the beginning
 * with a fresh group, and only the second read counts. EventConsumer and the kafkajs loops run in
 * this Node process, its JIT warmed by every row before them; a cold JVM would be measured partly in
 * its interpreter and on JIT compiler threads, which is not how a long-running Spring service runs.
 * The first read (its dead-letter records written too) is the warm-up; a fresh JVM per round keeps
 * the rounds independent, and the bench takes the best round, as for every row.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Measured } from './consumer-variants.js';
import { treeCpuSeconds } from './process-cpu.js';
import type { SpringPeer } from './spring-kafka-peer-build.js';

const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
/** The warm-up read, then the one that counts. */
const READS = 2;
const READ_DEADLINE_MS = 180_000;
const JVM_START_MS = 60_000;

export interface SpringRead {
  readonly peer: SpringPeer;
  readonly bootstrap: string;
  readonly topic: string;
  readonly deadLetterTopic: string;
  /** How many records the topic holds: each read ends at the last. */
  readonly expected: number;
  /** The peer adds -1 and -2 for its two reads: each a group that has read nothing yet. */
  readonly groupId: string;
  /** Spring's default (true): after a failed record, seek back and fetch the rest of the poll again. */
  readonly seekAfterError: boolean;
}

const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? '';

export function springKafkaPeer({
  peer,
  bootstrap,
  topic,
  deadLetterTopic,
  expected,
  groupId,
  seekAfterError,
}: SpringRead): Promise<Measured> {
  const args = [
    `bootstrap=${bootstrap}`,
    `topic=${topic}`,
    `dead-letter-topic=${deadLetterTopic}`,
    `expected=${expected}`,
    `group=${groupId}`,
    `schemas=${SCHEMAS_DIR}`,
    `reads=${READS}`,
    `deadline-ms=${READ_DEADLINE_MS}`,
    `seek-after-error=${seekAfterError}`,
    // kafkajs sends a record at once; the Java client (4.x) waits linger.ms=5 for more. Spring's
    // recoverer sends one record and waits for it, so the Java default would add 5 ms to every
    // poison record: 0 keeps the comparison about the dead-letter path, not a batching setting.
    'producer.linger.ms=0',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(peer.java, ['-Xmx512m', '-cp', peer.classpath, 'bench.springpeer.SpringKafkaPeer', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let cpuAtAssigned: number | undefined;
    let result: Measured | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, read, records, ms] = line.trim().split(' ');
      if (read !== String(READS)) return;
      if (word === 'assigned') cpuAtAssigned = treeCpuSeconds(child.pid);
      if (word === 'done') {
        const cpuAtDone = treeCpuSeconds(child.pid);
        result = {
          records: Number(records),
          ms: Number(ms),
          ownCpuSeconds: cpuAtAssigned === undefined || cpuAtDone === undefined ? undefined : cpuAtDone - cpuAtAssigned,
        };
        child.stdin.end();
      }
    });
    const timer = setTimeout(
      () => {
        stderr += `\nno result within ${(READS * READ_DEADLINE_MS + JVM_START_MS) / 1000} s`;
        child.kill('SIGKILL');
      },
      READS * READ_DEADLINE_MS + JVM_START_MS,
    );
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) resolve(result);
      else reject(new Error(lastLine(stderr) || `the JVM ended (${code ?? signal}) before its done line`));
    });
  });
}
