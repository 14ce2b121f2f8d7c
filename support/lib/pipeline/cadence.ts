/** Something a batch does at most every so often (a heartbeat, a commit): due once `everyMs` has passed since it was last done. */
export class Cadence {
  private lastDoneAt: number;
  private readonly everyMs: number;

  /** `lastDoneAt` 0: due at once. */
  constructor({ everyMs, lastDoneAt }: { everyMs: number; lastDoneAt: number }) {
    this.everyMs = everyMs;
    this.lastDoneAt = lastDoneAt;
  }

  /** True when due at `now`, which then counts as its last time. */
  dueAt(now: number): boolean {
    if (now - this.lastDoneAt < this.everyMs) return false;
    this.lastDoneAt = now;
    return true;
  }
}
