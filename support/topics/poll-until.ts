import { setTimeout as delay } from 'node:timers/promises';

const POLL_EVERY_MS = 100;

/**
 * Reads until `done` holds, or fails at the deadline saying what it waited for and what it last
 * read. For states the cluster reaches a moment after a request returns (KRaft applies metadata
 * asynchronously). `waitingFor` completes "waiting for ...", e.g. "a leader for every partition of X".
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
      throw new Error(`timed out after ${options.timeoutMs / 1000} s waiting for ${options.waitingFor}; last seen: ${last}`);
    }
    await delay(POLL_EVERY_MS);
  }
}
