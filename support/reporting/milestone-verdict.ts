/**
 * The verdict on a list of checklist items (the milestone's steps; the same rules serve any other
 * list, such as checks of a user's cluster): which are not proven and why, which gaps the user
 * accepted, and whether the run must fail for it. The exit status follows the checklist: a full run
 * fails unless every item is proven or its gap was accepted by name.
 */
import type { RunScope } from './run-scope.js';
import type { StepStatus } from './step-outcomes.js';

/** One line of a checklist, as the verdict needs it. */
export interface CheckedItem {
  /** "8", "3-5 CLI": what a person types in MILESTONE_ALLOW_NOT_RUN. */
  label: string;
  status: StepStatus;
  /** Why it is not (fully) proven; empty when it passed. */
  gaps: string[];
}

export const ALLOW_NOT_RUN_VARIABLE = 'MILESTONE_ALLOW_NOT_RUN';

export interface AcceptedGaps {
  /** Labels of items whose gap the user accepted. */
  labels: Set<string>;
  /** What the variable names that is no item's label: a typo must not silently accept nothing. */
  unknown: string[];
}

/** "3-5 CLI", "3-5cli" and "3-5 cli" name the same step. */
function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, '').toLowerCase();
}

/** MILESTONE_ALLOW_NOT_RUN="8,3-5 CLI": the steps a user accepts as not run, by label. */
export function acceptedGaps(value: string | undefined, labels: readonly string[]): AcceptedGaps {
  const byNormal = new Map(labels.map((label) => [normalizeLabel(label), label]));
  const accepted: AcceptedGaps = { labels: new Set(), unknown: [] };
  for (const entry of (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const label = byNormal.get(normalizeLabel(entry));
    if (label === undefined) accepted.unknown.push(entry);
    else accepted.labels.add(label);
  }
  return accepted;
}

export interface Verdict {
  /** Lines for the end of the checklist. */
  lines: string[];
  /** For the checklist's last line: "milestone proven", "milestone NOT proven", "partial run". */
  summary: string;
  /** True when the run must exit non-zero because of the checklist (not only because a test failed). */
  failsRun: boolean;
}

function stepsPhrase(items: CheckedItem[]): string {
  return `step${items.length > 1 ? 's' : ''} ${items.map((item) => item.label).join(', ')}`;
}

function quotedList(items: CheckedItem[]): string {
  const list = items.map((item) => item.label).join(',');
  return /\s/.test(list) ? `'${list}'` : list;
}

/** The checklist above lists every reason under its spec file; the verdict names the first few. */
const GAPS_SHOWN = 2;

function gapLines(items: CheckedItem[], suffix = ''): string[] {
  return items.map((item) => {
    const more = item.gaps.length - GAPS_SHOWN;
    const gaps = [...item.gaps.slice(0, GAPS_SHOWN), ...(more > 0 ? [`and ${more} more (see the step above)`] : [])];
    return `  step ${item.label} ${item.status === 'partly' ? 'partly run' : 'not run'}${suffix}: ${gaps.join('; ')}`;
  });
}

/** What a verdict is drawn from. */
export interface VerdictInput {
  /** What the list is ("milestone"). */
  name: string;
  items: CheckedItem[];
  /** How much of the suite this run ran. */
  scope: RunScope;
  accepted: AcceptedGaps;
}

/** `name`: what the list is ("milestone"); `scope`: how much of the suite this run ran. */
export function verdictOn({ name, items, scope, accepted }: VerdictInput): Verdict {
  if (scope.kind === 'without milestone') {
    return {
      lines: [`${name}: not part of this run (projects run: ${scope.projects.join(', ')})`],
      summary: `${name} not run`,
      failsRun: false,
    };
  }
  if (scope.kind === 'stopped') {
    // Every step shows as not run; naming each gap and offering to accept them all would hide the one cause.
    return {
      lines: [
        `${name} NOT proven: the run stopped before its first spec file; fix the error printed after this checklist and run again`,
      ],
      summary: `${name} NOT proven`,
      failsRun: true,
    };
  }
  const failed = items.filter((item) => item.status === 'FAIL');
  const unproven = items.filter((item) => item.status === 'partly' || item.status === 'not run');
  const lines: string[] = [];

  if (scope.kind === 'partial') {
    if (failed.length > 0) lines.push(`${name}: ${stepsPhrase(failed)} failed`);
    lines.push(
      `partial run, narrowed by ${scope.narrowedBy.join(', ')}: no verdict on the ${name}; steps it did not run show as not run, and the exit status is the tests' own`,
    );
    return { lines, summary: 'partial run', failsRun: false };
  }

  const excused = unproven.filter((item) => accepted.labels.has(item.label));
  const unexcused = unproven.filter((item) => !accepted.labels.has(item.label));
  const needless = items
    .filter((item) => item.status === 'pass' && accepted.labels.has(item.label))
    .map((item) => item.label);
  if (failed.length === 0 && unexcused.length === 0 && accepted.unknown.length === 0) {
    lines.push(
      excused.length === 0
        ? `${name} proven: every step passes`
        : `${name} proven, except ${stepsPhrase(excused)}, accepted as not run by ${ALLOW_NOT_RUN_VARIABLE}`,
    );
    lines.push(...gapLines(excused, ` (accepted by ${ALLOW_NOT_RUN_VARIABLE})`));
  } else {
    const parts: string[] = [];
    if (failed.length > 0) parts.push(`${stepsPhrase(failed)} failed`);
    if (unexcused.length > 0) parts.push(`${stepsPhrase(unexcused)} not proven`);
    if (accepted.unknown.length > 0) parts.push(`${ALLOW_NOT_RUN_VARIABLE} is wrong`);
    lines.push(`${name} NOT proven: ${parts.join('; ')}`);
    lines.push(...gapLines(unexcused));
    lines.push(...gapLines(excused, ` (accepted by ${ALLOW_NOT_RUN_VARIABLE})`));
    if (accepted.unknown.length > 0) {
      lines.push(
        `  ${ALLOW_NOT_RUN_VARIABLE} names no step ${accepted.unknown.map((u) => `"${u}"`).join(', ')}: the steps are ${items.map((item) => item.label).join(', ')}`,
      );
    }
    if (unexcused.length > 0) {
      lines.push(
        `a full run fails unless every step is proven: fix the cause above, or accept the gap with ${ALLOW_NOT_RUN_VARIABLE}=${quotedList(unexcused)}`,
      );
    }
  }
  if (needless.length > 0)
    lines.push(`${ALLOW_NOT_RUN_VARIABLE} accepted step ${needless.join(', ')}, which did not need it`);
  const proven = failed.length === 0 && unexcused.length === 0 && accepted.unknown.length === 0;
  const summary = !proven
    ? `${name} NOT proven`
    : excused.length === 0
      ? `${name} proven`
      : `${name} proven, except ${stepsPhrase(excused)} (accepted as not run)`;
  return { lines, summary, failsRun: !proven };
}
