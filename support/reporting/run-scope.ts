/**
 * Whether this run is the whole suite or one a user narrowed on purpose. Only a full run gives a
 * verdict on the milestone (and fails when it is not proven); a narrowed run (a file filter,
 * --project, -t, --shard, --changed …) says "partial run" and exits by its tests alone.
 */
import type { Vitest } from 'vitest/node';
import { MILESTONE_PROJECTS } from './vitest-projects.js';

export type RunScope =
  /** Every spec file of every milestone project, every test. */
  | { kind: 'full' }
  /** Narrowed on purpose; each entry says how ("--project contracts", "-t /retention/"). */
  | { kind: 'partial'; narrowedBy: string[] }
  /** No milestone project was selected (e.g. `npm run verify`): the milestone is not this run's subject. */
  | { kind: 'without milestone'; projects: string[] }
  /** The run ended on an error before its first spec file (the broker did not start): nothing was tried, whatever was asked. */
  | { kind: 'stopped' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `ranModuleIds`: the absolute paths of the spec files this run ran (its test modules).
 * `stoppedBeforeFiles`: the run ended on an error before it ran any spec file (a globalSetup that
 * could not start the broker): the files it did not run then say nothing of a filter.
 */
export async function runScope(
  vitest: Vitest,
  ranModuleIds: ReadonlySet<string>,
  stoppedBeforeFiles = false,
): Promise<RunScope> {
  const projects = vitest.projects.map((project) => project.name);
  const present = MILESTONE_PROJECTS.filter((name) => projects.includes(name));
  if (present.length === 0) return { kind: 'without milestone', projects };
  if (stoppedBeforeFiles) return { kind: 'stopped' };

  const narrowedBy: string[] = [];
  const missing = MILESTONE_PROJECTS.filter((name) => !projects.includes(name));
  if (missing.length > 0) {
    const filter =
      vitest.config.project.length > 0 ? `--project ${vitest.config.project.join(',')}` : 'the project list';
    narrowedBy.push(`${filter} (without ${missing.join(', ')})`);
  }
  const testNamePattern = vitest.getGlobalTestNamePattern();
  if (testNamePattern !== undefined) narrowedBy.push(`-t ${String(testNamePattern)}`);
  if ((vitest.config.tagsFilter ?? []).length > 0)
    narrowedBy.push(`--tags-filter ${(vitest.config.tagsFilter ?? []).join(' ')}`);

  // Any file filter, --shard, --changed or --related shows as spec files the projects hold but the run did not run.
  let expected = 0;
  let ran = 0;
  for (const project of vitest.projects) {
    const { testFiles, typecheckTestFiles } = await project.globTestFiles();
    for (const file of new Set([...testFiles, ...typecheckTestFiles])) {
      expected += 1;
      if (ranModuleIds.has(file)) ran += 1;
    }
  }
  if (ran < expected) narrowedBy.push(`a file filter (${ran} of ${plural(expected, 'spec file')} run)`);

  return narrowedBy.length === 0 ? { kind: 'full' } : { kind: 'partial', narrowedBy };
}
