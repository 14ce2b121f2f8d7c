/**
 * The one wait helper: every wait has a deadline and says, when it passes, what it waited for and
 * what it saw. `describe` completes "waiting for ...", e.g. "the first event to reach the handler".
 * Used by the shipped topic helpers (KRaft applies metadata a moment after a request returns) and
 * by the specs and their harness.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${describe()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks `check` until it returns a value other than undefined, or the deadline passes. For state
 * that only the broker knows (committed offsets, leaders, applied configs) and that no client event announces. `seen`, when
 * given, says what the last check found.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; describe: () => string; seen?: () => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() >= deadline) {
      const seen = options.seen === undefined ? '' : `; last seen: ${options.seen()}`;
      throw new Error(`timed out after ${options.timeoutMs / 1000} s waiting for ${options.describe()}${seen}`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}
