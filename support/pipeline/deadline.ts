/** Bounded waiting for specs: every wait has a deadline and says, when it passes, what it waited for. */
import { setTimeout as sleep } from 'node:timers/promises';

export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`gave up after ${timeoutMs} ms: ${describe()}`));
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
 * that only the broker knows (committed offsets) and that no client event announces.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; describe: () => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() >= deadline) throw new Error(`gave up after ${options.timeoutMs} ms: ${options.describe()}`);
    await sleep(options.intervalMs ?? 100);
  }
}
