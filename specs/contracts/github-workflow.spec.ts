import { describe, expect, it } from 'vitest';
import {
  actionOf,
  CI_WORKFLOW_FILE,
  commandsOf,
  environmentOf,
  matrixValues,
  readWorkflow,
  type WorkflowJob,
  type WorkflowStep,
} from '#support/ci/index.js';
import { JUNIT_REPORT_FILE } from '#support/reporting/index.js';
import { readFileSync } from 'node:fs';

// GitHub Actions runs this workflow, not this suite: here it is checked as a file, for what a user
// of the project relies on. Whether the runners accept it shows only on GitHub, which this suite
// cannot reach; these checks are static and say nothing about a run there.
const { errors, workflow } = readWorkflow();
const jobs = Object.entries(workflow.jobs ?? {});
const NODE_VERSIONS = ['20', '22', '24'];

function indexOfCommand(steps: WorkflowStep[], command: string): number {
  return steps.findIndex((step) => commandsOf(step).includes(command));
}

/** The jobs that run npm test, with the KAFKA_RUNTIME their npm test step sees. */
const testJobs = jobs.flatMap(([id, job]) => {
  const steps = job.steps ?? [];
  const testStep = steps[indexOfCommand(steps, 'npm test')];
  if (testStep === undefined) return [];
  return [{ id, job, steps, runtime: environmentOf(workflow, job, testStep).KAFKA_RUNTIME }];
});

function testJobOn(runtime: string): { id: string; job: WorkflowJob; steps: WorkflowStep[] } {
  const found = testJobs.find((j) => j.runtime === runtime);
  if (found === undefined)
    throw new Error(`no job of ${CI_WORKFLOW_FILE} runs "npm test" with KAFKA_RUNTIME=${runtime}`);
  return found;
}

/** The job whose steps run `command`, e.g. the docker-compose smoke test. */
function jobRunning(command: string): WorkflowStep[] {
  const found = jobs.find(([, job]) =>
    (job.steps ?? []).some((step) => commandsOf(step).some((line) => line.includes(command))),
  );
  if (found === undefined) throw new Error(`no job of ${CI_WORKFLOW_FILE} runs "${command}"`);
  return found[1].steps ?? [];
}

describe('The GitHub Actions workflow (.github/workflows/ci.yml), checked statically: GitHub Actions cannot run here', () => {
  it('is valid YAML with a name, triggers and at least one job', () => {
    expect(errors).toEqual([]);
    expect(workflow.name).toEqual(expect.any(String));
    expect(workflow.on).toBeDefined();
    expect(jobs.length).toBeGreaterThanOrEqual(1);
  });

  it('every npm test job checks out the repository, installs with npm ci, then runs npm test on an ubuntu runner', () => {
    expect(testJobs.length, 'jobs that run npm test').toBeGreaterThanOrEqual(2);
    for (const { id, job, steps } of testJobs) {
      expect(steps.map(actionOf), id).toContain('actions/checkout');
      expect(indexOfCommand(steps, 'npm ci'), `${id}: npm ci`).toBeGreaterThanOrEqual(0);
      expect(indexOfCommand(steps, 'npm test'), `${id}: npm test after npm ci`).toBeGreaterThan(
        indexOfCommand(steps, 'npm ci'),
      );
      expect(String(job['runs-on']), id).toMatch(/^ubuntu-/);
    }
  });

  it(`the container-runtime job runs Node ${NODE_VERSIONS.join(', ')}, from package.json's engines (>=20) up`, () => {
    const { job, steps } = testJobOn('container');
    expect(matrixValues(job, 'node-version')).toEqual(expect.arrayContaining(NODE_VERSIONS));
    const setupNode = steps.find((step) => actionOf(step) === 'actions/setup-node');
    expect(String(setupNode?.with?.['node-version'])).toBe('${{ matrix.node-version }}');
    const engines = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        engines?: { node?: string };
      }
    ).engines;
    expect(engines?.node).toMatch(/^>=20\b/);
  });

  it("the container-runtime job sets up Java, so the shell-script specs (step 8) run Kafka's tools against the container", () => {
    const { steps } = testJobOn('container');
    const java = steps.findIndex((step) => actionOf(step) === 'actions/setup-java');
    expect(java, 'actions/setup-java').toBeGreaterThanOrEqual(0);
    expect(java).toBeLessThan(indexOfCommand(steps, 'npm test'));
  });

  it("a jvm-runtime job sets up Java and caches Kafka's jars (~/.cache/kafka-event-spec) and ~/.m2", () => {
    const { steps } = testJobOn('jvm');
    const java = steps.find((step) => actionOf(step) === 'actions/setup-java');
    expect(Number(java?.with?.['java-version']), 'Java 17+').toBeGreaterThanOrEqual(17);
    const cached = steps.filter((step) => actionOf(step) === 'actions/cache').map((step) => String(step.with?.path));
    expect(cached.join('\n')).toContain('~/.cache/kafka-event-spec');
    expect(cached.join('\n')).toContain('~/.m2');
  });

  it('a docker-compose job starts the setup, sends one example through, and always takes it down', () => {
    const steps = jobRunning('make -C scripts/docker-compose up');
    const commands = steps.flatMap(commandsOf).join('\n');
    expect(commands).toMatch(/make produce TOPIC=\w+/);
    expect(commands).toMatch(/kafka-console-consumer .*--max-messages 1/s);
    const down = steps.find((step) => commandsOf(step).includes('make -C scripts/docker-compose down'));
    expect(down?.if, 'down runs even after a failure').toMatch(/always\(\)/);
  });

  it(`every npm test job uploads ${JUNIT_REPORT_FILE}, the file vitest.config.ts writes, after npm test, even when it failed`, () => {
    for (const { id, steps } of testJobs) {
      const test = indexOfCommand(steps, 'npm test');
      const upload = steps.findIndex(
        (step) => actionOf(step) === 'actions/upload-artifact' && step.with?.path === JUNIT_REPORT_FILE,
      );
      expect(upload, id).toBeGreaterThan(test);
      // A step runs only after success unless its `if` says otherwise; a failed run's report matters most.
      expect(steps[upload]?.if, id).toMatch(/always\(\)|!cancelled\(\)|failure\(\)/);
    }
  });
});
