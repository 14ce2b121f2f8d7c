import { setTimeout as delay } from 'node:timers/promises';

const POLL_EVERY_MS = 100;

/**
 * Reads until `done` holds, or fails at the deadline showing what it last read. For states the
 * cluster reaches a moment after a request returns (KRaft applies metadata asynchronously).
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs: number; waitingFor: string; show?: (value: T) => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() >= deadline) {
      const last = options.show?.(value) ?? JSON.stringify(value);
      throw new Error(`${options.waitingFor}: not reached within ${options.timeoutMs / 1000} s; last seen: ${last}`);
    }
    await delay(POLL_EVERY_MS);
  }
}
