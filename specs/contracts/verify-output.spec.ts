/**
 * What `npm run verify` prints and writes, without a broker: its checks have one home (the verify
 * specs and support/cli/verify.ts both run support/verify/verify-steps.ts), its fix block is a
 * script that can be pasted, and its JUnit report is well-formed. Against a real cluster it is
 * proven in specs/kafka/verify-your-cluster.spec.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixCommands, junitXml, type SpecFileResult, type VerifyResult } from '#support/reporting/index.js';
import { repoPath } from '#support/repository/index.js';
import { loadTopicCatalog } from '#support/topics/index.js';
import { verifySteps } from '#support/verify/index.js';

const steps = verifySteps({ catalog: loadTopicCatalog(), prefix: '' });

describe("npm run verify's checks have one home: support/verify/verify-steps.ts", () => {
  it.each(steps.map((s) => [s.step, s] as const))('step %s: its spec file runs exactly its checks', (step, checks) => {
    const path = repoPath(checks.file);
    expect(existsSync(path), `step ${step}: expected its spec file ${checks.file}; got no such file`).toBe(true);
    expect(
      readFileSync(path, 'utf8'),
      `step ${step}: ${checks.file} must run verify's checks of step ${step}`,
    ).toContain(`describeVerifyStep('${step}');`);
  });

  it('every verify spec file is one of those steps', () => {
    const files = readdirSync(repoPath('specs/verify')).map((f) => `specs/verify/${f}`);
    expect(files.sort(), 'specs/verify/ holds a file that npm run verify does not run').toEqual(
      steps.map((s) => s.file).sort(),
    );
  });
});

/** A failed verify step with these failure messages, as the checklist receives it. */
function failedStep(file: string, failures: string[]): VerifyResult {
  const result: SpecFileResult = {
    file,
    passed: 0,
    failed: failures.length,
    skipped: 0,
    failedTests: [],
    skipReasons: [],
    errorsOutsideTests: [],
  };
  return { result, title: file, failures };
}

describe('the fix block: once each command, in an order that works', () => {
  const create = 'kafka-topics.sh --bootstrap-server b:9092 --create --topic OrderReceived --partitions 3';
  const partitions = 'kafka-topics.sh --bootstrap-server b:9092 --alter --topic Notification --partitions 3';
  const config =
    'kafka-configs.sh --bootstrap-server b:9092 --entity-type topics --entity-name Notification --alter --add-config retention.ms=259200000';
  // Steps 3 and 5 both name OrderReceived's create when it is missing and others refer to it.
  const commands = fixCommands([
    failedStep('specs/verify/step-5-your-other-topics.spec.ts', [
      `step 5: Notification retention.ms: expected 3 days; got 3 hours\n  fix: ${config}`,
      `step 5: Notification partitions: expected 3; got 1\n  fix: ${partitions}\n  note: more`,
    ]),
    failedStep('specs/verify/step-3-your-order-received-topic.spec.ts', [`step 3: missing\n  fix: ${create}`]),
    failedStep('specs/verify/step-4-your-retention.spec.ts', [`step 4: missing\n  fix: ${create}`]),
  ]);

  it('a command named by two failures is printed once', () => {
    expect(
      commands.filter((c) => c === create),
      `fix block: expected the create once; got\n${commands.join('\n')}`,
    ).toHaveLength(1);
  });

  it('creates first, then partitions, then configs; notes are not commands', () => {
    expect(commands, 'fix block: expected create, partitions, configs').toEqual([create, partitions, config]);
  });
});

describe("verify's JUnit report", () => {
  const xml = junitXml(
    'npm run verify',
    [
      {
        name: 'specs/verify/step-4-your-retention.spec.ts',
        cases: [
          { name: 'a > OrderReceived', state: 'failed', message: 'step 4: expected <3 days> & "set"\n  fix: x' },
          { name: 'a > skipped one', state: 'skipped', message: 'no retention in the catalog' },
          { name: 'a > passing one', state: 'passed' },
        ],
      },
    ],
    0.5,
  );

  it('counts tests, failures and skips per suite and overall', () => {
    expect(xml).toContain('<testsuites name="npm run verify" tests="3" failures="1" errors="0" time="0.500">');
    expect(xml).toMatch(
      /<testsuite name="specs\/verify\/step-4-your-retention\.spec\.ts" .* tests="3" failures="1" errors="0" skipped="1"/,
    );
  });

  it("escapes a failure's text; its first line is the failure's message attribute", () => {
    expect(xml).toContain(
      '<failure message="step 4: expected &lt;3 days&gt; &amp; &quot;set&quot;" type="AssertionError">',
    );
    expect(xml).toContain('&quot;set&quot;\n  fix: x</failure>');
  });
});
