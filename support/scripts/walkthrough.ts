/**
 * A walkthrough whose order is the lesson (start a broker, then use it; create a topic, then
 * configure it): its steps run once, in order, in an `it.beforeAll` hook that asserts nothing, and
 * each step's outcome is recorded for the test that asserts on it. So a test gives the verdict it
 * gives in the full run when it runs alone (`-t`) or shuffled, and a step after one that could not
 * run says so instead of failing on its leftovers.
 *
 *     const walk = new Walkthrough<KafkaTools>();
 *     const created = walk.step('step 3', (tools) => tools.run(kafkaTopicsCreate(topic)));
 *     it.beforeAll(() => walk.run(tools));
 *     it('$ kafka-topics --create ...', () => expect(created.result()).toContain('Created topic'));
 */

/** What an action did: the value it returned, or what it threw. */
export type Recorded<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs `act` and records what it returned or threw; never throws (for a hook that asserts nothing). */
export async function record<T>(act: () => Promise<T> | T): Promise<Recorded<T>> {
  try {
    return { ok: true, value: await act() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** In a test: the recorded value, or the recorded error thrown again; `what` names it if it never ran. */
export function recorded<T>(outcome: Recorded<T> | undefined, what: string): T {
  if (outcome === undefined) throw new Error(`${what}: never ran (the hook that runs it failed; its error is above)`);
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** One step of a walkthrough, declared in order; its test reads what it did. */
export interface WalkthroughStep<T> {
  readonly label: string;
  /** What the step's action returned; throws what it threw, or why it did not run. */
  result(): T;
}

interface DeclaredStep<C> {
  label: string;
  act: (context: C) => Promise<unknown>;
  outcome?: Recorded<unknown>;
  notRun?: string;
}

/** `C`: what the hook hands every step (the tools, the broker it started, ...). */
export class Walkthrough<C = void> {
  private readonly steps: DeclaredStep<C>[] = [];
  private ran = false;

  /** Declares the next step; `act` runs in `run()`, after the steps declared before it. */
  step<T>(label: string, act: (context: C) => Promise<T>): WalkthroughStep<T> {
    const declared: DeclaredStep<C> = { label, act };
    this.steps.push(declared);
    return {
      label,
      result: (): T => {
        if (declared.notRun !== undefined) throw new Error(`${label}: not run, because ${declared.notRun}`);
        return recorded(declared.outcome as Recorded<T> | undefined, label);
      },
    };
  }

  /**
   * Runs the steps in order (once, from `it.beforeAll`) and records each one's outcome. A step
   * that throws ends the walk: the ones after it are recorded as not run, with its reason. Never throws.
   */
  async run(context: C): Promise<void> {
    if (this.ran) return;
    this.ran = true;
    let stopped: string | undefined;
    for (const declared of this.steps) {
      if (stopped !== undefined) {
        declared.notRun = stopped;
        continue;
      }
      declared.outcome = await record(() => declared.act(context));
      if (!declared.outcome.ok)
        stopped = `${declared.label} could not run (its test shows why): ${firstLine(declared.outcome.error)}`;
    }
  }
}
