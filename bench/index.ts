/**
 * `npm run bench`: every bench, one after the other; `npm run bench <name>...` runs the named ones.
 * Numbers are printed, never asserted: run them on a quiet machine (this project's shared
 * machine: under `flock /work/heavy.lock`) and compare ratios measured in one run.
 */
import { consumerThroughputBench } from './consumer-throughput.js';
import { suiteSpeedBench } from './suite-speed.js';
import { verifySpeedBench } from './verify-speed.js';

const benches: Record<string, () => Promise<void>> = {
  'suite-speed': suiteSpeedBench,
  'consumer-throughput': consumerThroughputBench,
  'verify-speed': verifySpeedBench,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in benches));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: no bench named ${unknown.join(', ')}; the benches are: ${Object.keys(benches).join(', ')}\n`,
  );
  process.exit(2);
}
for (const name of asked.length > 0 ? asked : Object.keys(benches)) {
  await benches[name]?.();
}
