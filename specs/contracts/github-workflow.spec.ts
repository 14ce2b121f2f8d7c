import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  actionOf,
  CI_WORKFLOW_FILE,
  commandsOf,
  environmentOf,
  readWorkflow,
  type WorkflowJob,
  type WorkflowStep,
} from '../../support/ci/github-workflow.js';
import { JUNIT_REPORT_FILE } from '../../support/reporting/report-files.js';

// GitHub Actions runs this workflow, not this suite: here it is checked as a file, for what a user
// of the project relies on. Whether the runners accept it shows only on GitHub.
const { errors, workflow } = readWorkflow();
const jobs = Object.entries(workflow.jobs ?? {});

/** The job that runs npm test: the one this project's users rely on. */
function testJob(): [string, WorkflowJob, WorkflowStep[]] {
  const found = jobs.find(([, job]) => (job.steps ?? []).some((step) => commandsOf(step).includes('npm test')));
  if (found === undefined) throw new Error(`no job of ${CI_WORKFLOW_FILE} runs "npm test"`);
  return [found[0], found[1], found[1].steps ?? []];
}

function indexOfCommand(steps: WorkflowStep[], command: string): number {
  return steps.findIndex((step) => commandsOf(step).includes(command));
}

describe('The GitHub Actions workflow (.github/workflows/ci.yml), checked statically: GitHub Actions cannot run here', () => {
  it('is valid YAML with a name, triggers and at least one job', () => {
    expect(errors).toEqual([]);
    expect(workflow.name).toEqual(expect.any(String));
    expect(workflow.on).toBeDefined();
    expect(jobs.length).toBeGreaterThanOrEqual(1);
  });

  it('checks out the repository and sets up Node 20, the version package.json and the suite are proven on', () => {
    const [, , steps] = testJob();
    expect(steps.map(actionOf)).toContain('actions/checkout');
    const setupNode = steps.find((step) => actionOf(step) === 'actions/setup-node');
    expect(String(setupNode?.with?.['node-version'])).toMatch(/^20(\.|$)/);
    const engines = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines?: { node?: string } }).engines;
    expect(engines?.node).toMatch(/^>=20\b/);
  });

  it('installs with npm ci, then runs npm test', () => {
    const [, , steps] = testJob();
    const install = indexOfCommand(steps, 'npm ci');
    const test = indexOfCommand(steps, 'npm test');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(test).toBeGreaterThan(install);
  });

  it('runs npm test on an ubuntu runner with KAFKA_RUNTIME=container (the runners have Docker)', () => {
    const [, job, steps] = testJob();
    const testStep = steps[indexOfCommand(steps, 'npm test')];
    if (testStep === undefined) throw new Error('no npm test step');
    expect(String(job['runs-on'])).toMatch(/^ubuntu-/);
    expect(environmentOf(workflow, job, testStep).KAFKA_RUNTIME).toBe('container');
  });

  it(`uploads ${JUNIT_REPORT_FILE}, the file vitest.config.ts writes, after npm test, even when it failed`, () => {
    const [, , steps] = testJob();
    const test = indexOfCommand(steps, 'npm test');
    const upload = steps.findIndex((step) => actionOf(step) === 'actions/upload-artifact' && step.with?.path === JUNIT_REPORT_FILE);
    expect(upload).toBeGreaterThan(test);
    // A step runs only after success unless its `if` says otherwise; a failed run's report matters most.
    expect(steps[upload]?.if).toMatch(/always\(\)|!cancelled\(\)|failure\(\)/);
  });
});
