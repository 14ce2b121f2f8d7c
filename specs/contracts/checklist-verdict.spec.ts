/**
 * The checklist's verdict rules, on the real milestone steps and made-up results: what makes a full
 * run fail, what a narrowed run says, and how a user accepts a known gap. The reporter applies
 * exactly these functions to every run (support/reporting/checklist-reporter.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kafkaCliDialect } from '#support/kafka-tools/index.js';
import {
  acceptedGaps,
  beyondMilestoneSteps,
  failureInOneLine,
  milestoneSteps,
  renderChecklist,
  type RunScope,
  type SpecFileResult,
  specFilesOnDisk,
  type StepOutcome,
  stepOutcomes,
  type Verdict,
  verdictOn,
} from '#support/reporting/index.js';
import { runNpmScript, shownRun } from '#support/run/index.js';
import { loadTopicCatalog } from '#support/topics/index.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const steps = milestoneSteps(loadTopicCatalog(), kafkaCliDialect('4.3.1'), REPO);
const labels = steps.map((step) => step.label);
const specFiles = specFilesOnDisk(REPO);
const FULL: RunScope = { kind: 'full' };
const STATIC_COMPOSE_SPEC = 'specs/contracts/step-8-docker-compose-setup.spec.ts';

function passed(file: string, tests = 3): SpecFileResult {
  return { file, passed: tests, failed: 0, skipped: 0, failedTests: [], skipReasons: [], errorsOutsideTests: [] };
}

/** Every spec file passed, then `change` applied to the results. */
function outcomes(change: (results: Map<string, SpecFileResult>) => void = () => undefined): StepOutcome[] {
  const results = new Map(specFiles.map((file) => [file, passed(file)]));
  change(results);
  return stepOutcomes(steps, specFiles, results);
}

function verdict(of: StepOutcome[], scope: RunScope = FULL, allow?: string): Verdict {
  const items = of.map((o) => ({ label: o.step.label, status: o.status, gaps: o.gaps }));
  return verdictOn({ name: 'milestone', items, scope, accepted: acceptedGaps(allow, labels) });
}

/** The checklist a full run of made-up results prints, as one text. */
function checklistText(
  of: StepOutcome[],
  run: Pick<Parameters<typeof renderChecklist>[0], 'allResults' | 'runEnd' | 'beyondOutcomes'> & { result?: Verdict },
): string {
  const { result = verdict(of), ...rest } = run;
  return renderChecklist({
    outcomes: of,
    otherSpecs: [],
    broker: 'a broker',
    scope: FULL,
    verdict: result,
    unhandledErrors: 0,
    ...rest,
  }).join('\n');
}

function statusOf(of: StepOutcome[], label: string): string | undefined {
  return of.find((o) => o.step.label === label)?.status;
}

describe("The checklist's verdict: a full run exits non-zero unless every step is proven", () => {
  it('every spec file of every step passed: the milestone is proven and the run does not fail for it', () => {
    const result = verdict(outcomes());
    expect(result.failsRun, result.lines.join('\n')).toBe(false);
    expect(result.summary).toBe('milestone proven');
  });

  it('step 8 on its static docker-compose checks alone is not proven: the full run fails and names the specs not run', () => {
    const of = outcomes((results) => {
      for (const file of results.keys()) if (/step-8-/.test(file) && file !== STATIC_COMPOSE_SPEC) results.delete(file);
    });
    expect(statusOf(of, '8'), 'step 8 with only the static spec').toBe('partly');
    const result = verdict(of);
    expect(result.failsRun).toBe(true);
    expect(result.lines.join('\n'), 'the verdict names the step-8 spec files that did not run').toMatch(
      /step 8 partly run: not run by this run: [^\n]*specs\/kafka\/step-8-create-topics-script\.spec\.ts/,
    );
  });

  it('a test skipped with ctx.skip(reason) leaves its step unproven, and the verdict gives that reason', () => {
    const of = outcomes((results) => {
      results.set('specs/kafka/cli-steps-3-5-with-kafka-tools.spec.ts', {
        ...passed('specs/kafka/cli-steps-3-5-with-kafka-tools.spec.ts', 0),
        skipped: 1,
        skipReasons: ['no Java on this machine'],
      });
    });
    expect(statusOf(of, '3-5 CLI')).toBe('not run');
    const result = verdict(of);
    expect(result.failsRun).toBe(true);
    expect(result.lines).toContain('  step 3-5 CLI not run: skipped: no Java on this machine');
    expect(result.lines.join('\n')).toContain("MILESTONE_ALLOW_NOT_RUN='3-5 CLI'");
  });

  it('MILESTONE_ALLOW_NOT_RUN accepts a named gap, and the checklist says it was accepted', () => {
    const of = outcomes((results) => results.delete('specs/kafka/step-8-start-kafka-script.spec.ts'));
    const result = verdict(of, FULL, '8');
    expect(result.failsRun, result.lines.join('\n')).toBe(false);
    expect(result.lines[0]).toBe('milestone proven, except step 8, accepted as not run by MILESTONE_ALLOW_NOT_RUN');
    expect(result.summary).toBe('milestone proven, except step 8 (accepted as not run)');
    expect(result.lines[1]).toMatch(
      /^ {2}step 8 partly run \(accepted by MILESTONE_ALLOW_NOT_RUN\): not run by this run: /,
    );
  });

  it('MILESTONE_ALLOW_NOT_RUN never excuses a failure, and a label that names no step fails the run', () => {
    const failing = outcomes((results) => {
      results.set('specs/kafka/step-4-raise-retention-to-three-days.spec.ts', {
        ...passed('x'),
        file: 'specs/kafka/step-4-raise-retention-to-three-days.spec.ts',
        failed: 1,
      });
    });
    expect(verdict(failing, FULL, '4').failsRun).toBe(true);
    const typo = verdict(outcomes(), FULL, '9');
    expect(typo.failsRun).toBe(true);
    expect(typo.lines.join('\n')).toContain('MILESTONE_ALLOW_NOT_RUN names no step "9"');
  });

  it('a run narrowed on purpose says "partial run" and leaves the exit status to its tests', () => {
    const of = outcomes((results) => {
      for (const file of results.keys()) if (file.startsWith('specs/kafka/')) results.delete(file);
    });
    const result = verdict(of, { kind: 'partial', narrowedBy: ['--project contracts (without kafka)'] });
    expect(result.failsRun).toBe(false);
    expect(result.summary).toBe('partial run');
    expect(result.lines.join('\n')).toContain('partial run, narrowed by --project contracts (without kafka)');
  });

  it('a run that stopped before its first spec file is NOT proven and fails, naming that one cause, not a gap per step', () => {
    const result = verdict(
      outcomes((results) => {
        results.clear();
      }),
      { kind: 'stopped' },
    );
    expect(result.failsRun, 'a run that stopped before its first spec file fails').toBe(true);
    expect(result.summary, 'the last line of a run that stopped before its first spec file').toBe(
      'milestone NOT proven',
    );
    expect(
      result.lines,
      'the verdict of a run that stopped before its first spec file: one cause, no gap per step',
    ).toEqual([
      'milestone NOT proven: the run stopped before its first spec file; fix the error printed after this checklist and run again',
    ]);
  });

  it("a run of projects that prove no step (e.g. only checks of a user's cluster) gives no milestone verdict", () => {
    const result = verdict(
      outcomes((results) => {
        results.clear();
      }),
      { kind: 'without milestone', projects: ['verify'] },
    );
    expect(result.failsRun).toBe(false);
    expect(result.lines).toEqual(['milestone: not part of this run (projects run: verify)']);
  });
});

describe('The checklist shows how long each step took, so a slow step is seen where it is proven', () => {
  it('each spec file shows its time after its tally, and each step the sum of its spec files', () => {
    const step4 = steps.find((step) => step.label === '4');
    if (step4 === undefined) throw new Error('the milestone has no step 4');
    const step4Files = specFiles.filter((file) => step4.provenBy(file));
    const of = outcomes((results) => {
      step4Files.forEach((file, index) => results.set(file, { ...passed(file), durationMs: 1_000 * (index + 1) }));
    });
    const allResults = of.flatMap((o) => o.specs.flatMap((spec) => (spec.result === undefined ? [] : [spec.result])));
    const text = checklistText(of, { allResults, runEnd: 'passed' });
    const total = step4Files.reduce((sum, _file, index) => sum + index + 1, 0);
    expect(text, "step 4's line ends with the sum of its spec files' times").toContain(
      `${step4.title}  (${total.toFixed(1)} s)`,
    );
    expect(text, 'its first spec file shows its time after the tally').toContain(
      `${step4Files[0] ?? ''}  3 passed in 1.0 s`,
    );
  });
});

describe('npm test whose broker cannot start says so: not run, NOT proven, a non-zero exit and the one-line reason', () => {
  it(
    'KAFKA_RUNTIME=nonsense: the checklist says the run stopped before its first spec file (not that a filter narrowed it)',
    { timeout: 120_000 },
    async () => {
      const run = await runNpmScript('test', { KAFKA_RUNTIME: 'nonsense' });
      const shown = shownRun(run);
      expect(run.exitCode, `exit status of npm test with KAFKA_RUNTIME=nonsense\n${shown}`).not.toBe(0);
      expect(run.output, `the checklist's run line\n${shown}`).toContain(
        'run: stopped before its first spec file, on the error printed after this checklist',
      );
      expect(run.output, `the checklist's last line\n${shown}`).toContain(
        'checklist: 0 passed, 1 failed, 0 skipped; milestone NOT proven',
      );
      expect(run.output, `the setting's error, as one line\n${shown}`).toMatch(
        /kafka: KAFKA_RUNTIME=nonsense is not one of: [^\n]+\n/,
      );
      expect(run.output, `no stack trace for a setting's error\n${shown}`).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    },
  );

  it(
    'a file filter that matches no spec file is a partial run that ran none, not a stopped one',
    { timeout: 120_000 },
    async () => {
      const run = await runNpmScript('test', {}, ['no-such-spec-file']);
      const shown = shownRun(run);
      expect(run.output, `the checklist's run line for a filter that matches nothing\n${shown}`).toContain(
        'run: partial run (narrowed by a file filter (0 of ',
      );
      expect(run.output, `the checklist's last line for a filter that matches nothing\n${shown}`).toMatch(
        /checklist: 0 passed, \d+ failed, 0 skipped; partial run/,
      );
    },
  );
});

describe('Step 9, beyond the milestone: shown in a section of its own, never counted for "milestone proven"', () => {
  const beyond = beyondMilestoneSteps(loadTopicCatalog(), kafkaCliDialect('4.3.1'));
  const beyondFiles = specFiles.filter((file) => beyond.some((step) => step.provenBy(file)));

  it('claims the step-9 spec files, which no milestone step claims', () => {
    expect(beyondFiles.length, 'spec files of step 9').toBeGreaterThan(0);
    for (const file of beyondFiles)
      expect(
        steps.filter((step) => step.provenBy(file)).map((step) => step.label),
        `${file}: milestone steps that claim it`,
      ).toEqual([]);
  });

  it('a failed step 9 shows FAIL in its section; the milestone verdict is drawn from steps 1-8 alone', () => {
    const results = new Map(specFiles.map((file) => [file, passed(file)]));
    const [first = ''] = beyondFiles;
    results.set(first, { ...passed(first), failed: 1, failedTests: [{ name: 'a test of step 9' }] });
    const of = stepOutcomes(steps, specFiles, results);
    const beyondOf = stepOutcomes(beyond, specFiles, results);
    expect(statusOf(beyondOf, '9'), 'step 9 with a failed test').toBe('FAIL');
    const result = verdict(of);
    expect(result.summary, 'the milestone verdict with step 9 failing').toBe('milestone proven');
    const text = checklistText(of, {
      beyondOutcomes: beyondOf,
      result,
      allResults: [...results.values()],
      runEnd: 'failed',
    });
    expect(text, 'the checklist text').toMatch(
      /beyond the milestone \(shown, not counted for "milestone proven"\):\n {2}FAIL {5}9 {8}Beyond the milestone/,
    );
  });
});

describe('A failed test in the checklist: its name, then why it failed in one line', () => {
  // A CI log may keep only the checklist (the last lines of a run): the reason must be there too.
  const message = [
    "step 7: `node --import tsx support/cli/consume.ts`'s exit status after Ctrl-C; it printed:",
    'consume: running; Ctrl-C stops it',
    '\u001b[31m: expected 130 to be +0 // Object.is equality\u001b[39m',
  ].join('\n');

  it('the message in one line: its first line, then its last (what was expected and got), without colours', () => {
    expect(failureInOneLine(message)).toBe(
      "step 7: `node --import tsx support/cli/consume.ts`'s exit status after Ctrl-C; it printed: … : expected 130 to be +0 // Object.is equality",
    );
    expect(failureInOneLine('one line'), 'a message of one line').toBe('one line');
    expect(failureInOneLine(`${'x'.repeat(500)}\nend`), 'a long first line, cut').toBe(`${'x'.repeat(239)}… … end`);
  });

  it("the step's failed test shows its name, and on the next line why", () => {
    const file = 'specs/kafka/step-7-consume-command.spec.ts';
    const of = outcomes((results) => {
      results.set(file, {
        ...passed(file),
        failed: 1,
        failedTests: [{ name: 'step 7: npm run consume > stops on Ctrl-C', why: failureInOneLine(message) }],
      });
    });
    const text = checklistText(of, { allResults: [], runEnd: 'failed' });
    expect(text, 'the checklist text').toMatch(
      /x step 7: npm run consume > stops on Ctrl-C\n {6,}step 7: `node --import tsx support\/cli\/consume\.ts`'s exit status after Ctrl-C; it printed: … : expected 130 to be \+0/,
    );
  });
});
