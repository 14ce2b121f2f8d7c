import { afterAll, beforeAll } from 'vitest';
import { DeadLetterBench } from './dead-letter-bench.js';

/**
 * A DeadLetterBench for the enclosing describe: opened before its first test, closed (its topics
 * deleted, its clients disconnected) after its last, whether the tests passed or not.
 */
export function benchForDescribe(name: string): DeadLetterBench {
  const bench = new DeadLetterBench(name);
  beforeAll(() => bench.open());
  afterAll(() => bench.close());
  return bench;
}
