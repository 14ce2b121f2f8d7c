/**
 * How often, and how patiently, a consumer tries a record again before it gives up on it.
 * One attempt is one pass over the record: parse, validate, handle and, on failure, dead-letter.
 */
export interface RetryPolicy {
  /** Attempts a throwing handler gets before its event is dead-lettered as HANDLER_FAILED. */
  readonly handlerAttempts: number;
  /**
   * Attempts a record gets in all, dead-lettering included. When the error topic cannot be written
   * this many times, the consumer stops with the record's offset uncommitted, so nothing is lost:
   * the next consumer of the group starts at that record.
   */
  readonly maxAttempts: number;
  /** Wait before the second attempt; each later wait doubles, up to maxDelayMs. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  handlerAttempts: 3,
  maxAttempts: 10,
  initialDelayMs: 200,
  maxDelayMs: 10_000,
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...defaultRetryPolicy, ...overrides };
  const { handlerAttempts, maxAttempts, initialDelayMs, maxDelayMs } = policy;
  if (!Number.isInteger(handlerAttempts) || handlerAttempts < 1)
    throw new Error(`handlerAttempts must be a whole number >= 1, not ${handlerAttempts}`);
  if (!(maxAttempts === Infinity || Number.isInteger(maxAttempts)) || maxAttempts < handlerAttempts) {
    throw new Error(
      `maxAttempts must be a whole number >= handlerAttempts (${handlerAttempts}) or Infinity, not ${maxAttempts}`,
    );
  }
  if (!(initialDelayMs >= 0) || !(maxDelayMs >= initialDelayMs)) {
    throw new Error(`delays must satisfy 0 <= initialDelayMs (${initialDelayMs}) <= maxDelayMs (${maxDelayMs})`);
  }
  return policy;
}

/** The wait before attempt `next` (2, 3, ...): exponential, capped, so an outage is not hammered. */
export function delayBefore(policy: RetryPolicy, next: number): number {
  const doublings = Math.max(0, next - 2);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** doublings);
}
