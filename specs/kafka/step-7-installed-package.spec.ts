/**
 * Step 7, as an engineer takes it away: EventConsumer leaves the repository as an npm package
 * (support/lib, `@kafka-event-spec/events`). This spec packs it as npm would publish it (compiled,
 * `npm pack`), installs the tarball with `npm install` into a project of its own outside the
 * repository, and runs the usage block of the package's README there, as a child process, against the
 * run's broker. What it proves: the package needs nothing of the repository (no file read, no path into
 * it), its three dependencies are enough, and the README's code does what the README says: a valid
 * event reaches the handler, a poison record lands in the error topic with its original bytes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, onTestFinished } from 'vitest';
import { BackgroundHand } from '#support/docs/index.js';
import { it } from '#support/fixtures/index.js';
import { rebuildFailedRecord } from '@kafka-event-spec/events';
import { REPO_ROOT } from '#support/repository/index.js';
import { uniqueName } from '#support/run/index.js';
import { packShippedPackage, readmeUsage, usageFor } from '#support/shipped-package/index.js';

const run = promisify(execFile);
const POISON = '{"orderId": "not an event"';

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('step 7: EventConsumer installed from its npm tarball, outside the repository', { timeout: 240_000 }, () => {
  it("the README's usage handles a valid event and dead-letters a poison record with its original bytes", async ({
    broker,
    deadLetterBench,
  }) => {
    const work = await mkdtemp(join(tmpdir(), 'kafka-event-spec-package-'));
    onTestFinished(() => rm(work, { recursive: true, force: true }));

    // The package as npm publishes it, installed as a user installs it: `npm install <tarball>`.
    const packed = await packShippedPackage(work);
    const project = join(work, 'project');
    await run('mkdir', ['-p', project]);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', packed.tarball], {
      cwd: project,
      timeout: 180_000,
    });
    const installed = join(project, 'node_modules', ...packed.name.split('/'));
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort(), 'step 7: the package depends on').toEqual([
      'ajv',
      'ajv-formats',
      'kafkajs',
    ]);
    for (const file of await filesUnder(installed)) {
      const text = await readFile(join(installed, file), 'utf8');
      expect(text, `step 7: ${packed.name}/${file} reads no file`).not.toMatch(/readFileSync|node:fs/);
      expect(text, `step 7: ${packed.name}/${file} holds no path into the repository`).not.toContain(REPO_ROOT);
    }

    // A valid event and a poison record, then the README's code in the project, as `node usage.mjs`.
    const topics = await deadLetterBench.createTopics();
    const valid = deadLetterBench.validOrder();
    await deadLetterBench.write(topics.source, [valid, { key: 'order-1', value: POISON }]);
    const { code, env } = usageFor(readmeUsage(), broker);
    await writeFile(join(project, 'usage.mjs'), code);
    const usage = new BackgroundHand('node usage.mjs', project, {
      PATH: process.env.PATH ?? '',
      KAFKA_BROKERS: broker.brokers.join(','),
      GROUP_ID: uniqueName('installed-package'),
      ORDER_RECEIVED_TOPIC: topics.source,
      DEAD_LETTER_TOPIC: topics.deadLetter,
      ...env,
    });
    onTestFinished(() => usage.stop('SIGKILL', 0));

    await usage.waitFor(
      `step 7: the installed package's handler printing "handled ... ${valid.id}"`,
      (output) => output.includes(`handled com.example.shop.order.received ${valid.id}`),
      60_000,
    );
    await expect
      .poll(async () => (await deadLetterBench.readErrorTopic(topics.deadLetter)).events.length, {
        timeout: 30_000,
        message: `step 7: error events in ${topics.deadLetter} from the installed package (one expected, for the poison record); it printed:\n${usage.output}`,
      })
      .toBe(1);
    const [errorEvent] = (await deadLetterBench.readErrorTopic(topics.deadLetter)).events;
    expect(errorEvent?.data.reason.code, 'step 7: the installed package dead-letters the poison as').toBe('NOT_JSON');
    const replayed = errorEvent === undefined ? undefined : rebuildFailedRecord(errorEvent);
    expect(replayed?.value?.toString('utf8'), "step 7: the poison record's original bytes, from its error event").toBe(
      POISON,
    );

    // SIGTERM: the README's stop() finishes, commits and leaves; the process then ends by itself.
    await usage.stop('SIGTERM', 20_000);
    expect(usage.exitCode, `step 7: \`node usage.mjs\` after SIGTERM exits with; it printed:\n${usage.output}`).toBe(0);
  });
});
