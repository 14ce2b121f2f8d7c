/**
 * README.md and docs/learn-kafka.md each show a table of the milestone's steps. They are checked
 * against the one list of steps (support/reporting/milestone-steps.ts): the same steps in the same
 * order, and each row links only spec files that prove its step (README's: all of them).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { MilestoneStep } from '../reporting/milestone-steps.js';
import { REPO_ROOT } from '../repository/repo-root.js';

export interface StepTableRow {
  /** 1-based line in the page, for messages. */
  line: number;
  /** The step as the row names it: "1" ... "8", "3-5". */
  label: string;
  /** Repository-relative targets of the links in the row's spec column. */
  links: string[];
}

export interface StepTable {
  /** Repository-relative, for messages. */
  file: string;
  rows: StepTableRow[];
}

const LINK = /\[[^\]]+\]\(([^)#\s]+)[^)]*\)/g;

/** The table whose header row starts `| step |`; `specColumn` is the 0-based cell with the spec links. */
export function readStepTable(file: string, specColumn: number): StepTable {
  const shown = relative(REPO_ROOT, file);
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines.findIndex((l) => /^\|\s*step\s*\|/.test(l));
  if (header === -1) throw new Error(`${shown} has no table starting "| step |"`);
  const rows: StepTableRow[] = [];
  for (let i = header + 2; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (!text.startsWith('|')) break;
    // A \| inside a cell is text, not a cell border.
    const cells = text.replace(/\\\|/g, '\u0000').split('|').slice(1, -1);
    const label = (cells[0] ?? '').trim().split(/\s+/)[0]?.replace('\u2013', '-') ?? '';
    const links = [...(cells[specColumn] ?? '').matchAll(LINK)].map((m) =>
      relative(REPO_ROOT, join(dirname(file), m[1] ?? '')),
    );
    rows.push({ line: i + 1, label, links });
  }
  return { file: shown, rows };
}

/** How a table names a step: its label's first word ("3-5 CLI" -> "3-5"). */
export function tableLabel(step: MilestoneStep): string {
  return step.label.split(' ')[0] ?? step.label;
}

/** One row of a step table, checked against the step it names. */
export interface RowCheck {
  readonly table: StepTable;
  readonly row: StepTableRow;
  /** The milestone step the row names. */
  readonly step: MilestoneStep;
  /** Every spec file of the suite. */
  readonly specFiles: readonly string[];
  /** true: the row must link every spec file of its step, not only some. */
  readonly everySpec: boolean;
}

/** What is wrong with one row's links, as lines; none when every link proves the row's step. */
export function linkProblems({ table, row, step, specFiles, everySpec }: RowCheck): string[] {
  const at = `${table.file}:${row.line} (step ${row.label})`;
  const proving = specFiles.filter((f) => step.provenBy(f));
  const problems: string[] = [];
  const linkedFiles = new Set<string>();
  for (const link of row.links) {
    const full = join(REPO_ROOT, link);
    if (!existsSync(full)) problems.push(`${at} links ${link}, which does not exist`);
    else if (statSync(full).isDirectory()) {
      if (!proving.some((f) => f.startsWith(`${link}/`)))
        problems.push(`${at} links the folder ${link}, which holds no spec of step ${step.label} (${step.specGlob})`);
      proving.filter((f) => f.startsWith(`${link}/`)).forEach((f) => linkedFiles.add(f));
    } else if (!step.provenBy(link))
      problems.push(`${at} links ${link}, which does not prove step ${step.label} (${step.specGlob})`);
    else linkedFiles.add(link);
  }
  if (row.links.length === 0) problems.push(`${at} links no spec file`);
  if (everySpec) {
    for (const file of proving)
      if (!linkedFiles.has(file)) problems.push(`${at} does not link ${file}, which proves step ${step.label}`);
  }
  return problems;
}
