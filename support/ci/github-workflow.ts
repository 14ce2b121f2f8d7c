/**
 * A GitHub Actions workflow file read as data, for specs that check it statically: GitHub's runners
 * are the only place it really runs.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { repoPath } from '../repository/repo-root.js';

export const CI_WORKFLOW_FILE = repoPath('.github', 'workflows', 'ci.yml');

export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  'working-directory'?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

export interface WorkflowJob {
  name?: string;
  'runs-on'?: unknown;
  strategy?: { matrix?: Record<string, unknown> & { include?: Record<string, unknown>[] } };
  env?: Record<string, unknown>;
  steps?: WorkflowStep[];
}

export interface Workflow {
  name?: string;
  /** `on` is a plain key in YAML 1.2, which the yaml package reads by default (YAML 1.1 made it true). */
  on?: unknown;
  env?: Record<string, unknown>;
  jobs?: Record<string, WorkflowJob>;
}

export interface ReadWorkflow {
  /** YAML syntax errors, one line each; none for a valid file. */
  errors: string[];
  workflow: Workflow;
}

export function readWorkflow(file: string = CI_WORKFLOW_FILE): ReadWorkflow {
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  const errors = document.errors.map((error) => error.message.split('\n', 1)[0] ?? error.message);
  return { errors, workflow: (document.toJS() ?? {}) as Workflow };
}

/** The shell commands a step runs, one per line, without blank lines and comments. */
export function commandsOf(step: WorkflowStep): string[] {
  return (step.run ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The `uses:` action without its version: actions/setup-node@v5 -> actions/setup-node. */
export function actionOf(step: WorkflowStep): string | undefined {
  return step.uses?.split('@', 1)[0];
}

/** The environment a step sees: the workflow's, then the job's, then its own. */
export function environmentOf(workflow: Workflow, job: WorkflowJob, step: WorkflowStep): Record<string, unknown> {
  return { ...workflow.env, ...job.env, ...step.env };
}

/**
 * Every value a matrix variable takes in a job: its list, plus what `include` adds. A job without
 * that variable has none.
 */
export function matrixValues(job: WorkflowJob, variable: string): unknown[] {
  const matrix = job.strategy?.matrix ?? {};
  const listed = matrix[variable];
  const values = Array.isArray(listed) ? [...(listed as unknown[])] : [];
  for (const entry of matrix.include ?? []) if (variable in entry) values.push(entry[variable]);
  return [...new Set(values.map(String))];
}
