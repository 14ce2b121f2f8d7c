import { connect } from 'node:net';
import { pollUntil } from '@kafka-event-spec/events';
import type { ForegroundScript } from './foreground-script.js';

const ANSWER_TIMEOUT_MS = 5_000;

/**
 * Sends one of ZooKeeper's four-letter commands (e.g. ruok, answered "imok" when the server runs
 * without errors) and returns the answer; ZooKeeper closes the connection after answering.
 */
export function askZooKeeper(address: { host: string; port: number }, command: string): Promise<string> {
  const { host, port } = address;
  const timeoutMs = ANSWER_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy(new Error(`ZooKeeper at ${host}:${port} did not answer ${command} within ${timeoutMs / 1000} s`));
    });
    socket.once('connect', () => {
      socket.end(command);
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    socket.once('error', reject);
    socket.once('close', (hadError) => {
      if (!hadError) resolve(answer);
    });
  });
}

/** Polls with ruok until ZooKeeper answers imok, the deadline passes, or isAlive() turns false. */
export async function waitForZooKeeper(
  host: string,
  port: number,
  options: { timeoutMs: number; isAlive: () => boolean },
): Promise<void> {
  let last = 'no attempt was made';
  await pollUntil(
    async () => {
      if (!options.isAlive()) throw new Error('ZooKeeper exited during startup');
      try {
        const answer = await askZooKeeper({ host, port }, 'ruok');
        if (answer === 'imok') return true;
        last = `it answered "${answer}"`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      return undefined;
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 250,
      describe: () => `ZooKeeper at ${host}:${port} to answer ruok with imok`,
      seen: () => last,
    },
  );
}

/** Waits until the ZooKeeper that start_zookeeper.sh started answers; on failure, says why with its log. */
export async function untilZooKeeperAnswers(script: ForegroundScript, port: number, timeoutMs: number): Promise<void> {
  try {
    await waitForZooKeeper('127.0.0.1', port, { timeoutMs, isAlive: () => script.isRunning() });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\n--- last lines ${script.script} printed ---\n${script.tail()}`, { cause: error });
  }
}
