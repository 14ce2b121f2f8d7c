/**
 * What `npm run soak` reads from each run's output and what it prints: the `fault …` lines of the
 * cluster project (support/cluster/fault-proof.ts writes them), a failed run's first lines, and the
 * totals a team quotes (runs, failures, records lost, the worst recovery). Pure text in, text out, so
 * a broker-free contract spec holds it to the fault line's format.
 */
import { stripAnsi } from '../reporting/strip-ansi.js';

/** One `fault <name>: lost N, handled twice N, dead-lettered twice N, first commit X.X s after the …` line. */
export interface FaultLine {
  readonly name: string;
  readonly lost: number;
  readonly handledTwice: number;
  readonly deadLetteredTwice: number;
  /** Undefined when the line says `n/a`: no commit was seen after the fault. */
  readonly firstCommitS: number | undefined;
  readonly text: string;
}

/** One run of a vitest project, as the soak saw it. */
export interface SoakRun {
  readonly project: string;
  /** 1-based, within its project. */
  readonly index: number;
  readonly passed: boolean;
  readonly seconds: number;
  readonly faults: readonly FaultLine[];
  /** For a failed run: the first lines that say why. */
  readonly why: readonly string[];
}

const FAULT =
  /fault (\S+): lost (\d+), handled twice (\d+), dead-lettered twice (\d+), first commit (n\/a|\d+(?:\.\d+)?) s? ?after the \S+/;

export function faultLines(output: string): FaultLine[] {
  const lines: FaultLine[] = [];
  for (const line of stripAnsi(output).split('\n')) {
    const match = FAULT.exec(line);
    if (match === null) continue;
    const [text, name, lost, handledTwice, deadLetteredTwice, firstCommit] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    lines.push({
      name,
      lost: Number(lost),
      handledTwice: Number(handledTwice),
      deadLetteredTwice: Number(deadLetteredTwice),
      firstCommitS: firstCommit === 'n/a' ? undefined : Number(firstCommit),
      text,
    });
  }
  return lines;
}

/** A failed run's first lines that say why: vitest's FAIL lines and the first error under each, at most `limit`. */
export function failureLines(output: string, limit = 6): string[] {
  const why: string[] = [];
  for (const raw of stripAnsi(output).split('\n')) {
    const line = raw.trim();
    if (/^FAIL\s/.test(line) || /^(AssertionError|Error|TypeError|KafkaJS\w*Error)\b/.test(line) || /^x /.test(line)) {
      if (!why.includes(line)) why.push(line);
    }
    if (why.length >= limit) break;
  }
  return why;
}

export interface SoakTotals {
  readonly runs: number;
  readonly failures: number;
  readonly faults: number;
  readonly lost: number;
  /** The slowest first commit after a fault, in seconds; undefined when no fault line reported one. */
  readonly worstRecoveryS: number | undefined;
  /** Fault lines that saw no commit at all after the fault. */
  readonly noRecovery: number;
}

export function soakTotals(runs: readonly SoakRun[]): SoakTotals {
  const faults = runs.flatMap((run) => run.faults);
  const recoveries = faults.flatMap((fault) => (fault.firstCommitS === undefined ? [] : [fault.firstCommitS]));
  return {
    runs: runs.length,
    failures: runs.filter((run) => !run.passed).length,
    faults: faults.length,
    lost: faults.reduce((sum, fault) => sum + fault.lost, 0),
    worstRecoveryS: recoveries.length === 0 ? undefined : Math.max(...recoveries),
    noRecovery: faults.filter((fault) => fault.firstCommitS === undefined).length,
  };
}

/** The per-run line: `kafka 3/10  pass  182.4 s`, then its fault lines and, when it failed, why. */
export function runLines(run: SoakRun, of: number): string[] {
  return [
    `${run.project} ${run.index}/${of}  ${run.passed ? 'pass' : 'FAIL'}  ${run.seconds.toFixed(1)} s`,
    ...run.faults.map((fault) => `    ${fault.text}`),
    ...run.why.map((line) => `    ! ${line}`),
  ];
}

/** The closing lines: per project and overall, then every failed run's first lines. */
export function totalLines(runs: readonly SoakRun[], notRun: readonly string[] = []): string[] {
  const projects = [...new Set(runs.map((run) => run.project))];
  const lines = projects.map((project) => {
    const own = runs.filter((run) => run.project === project);
    const t = soakTotals(own);
    const times = own.map((run) => run.seconds);
    const recovery =
      t.faults === 0
        ? ''
        : `, ${t.faults} faults, lost ${t.lost}, worst recovery ${t.worstRecoveryS === undefined ? 'n/a' : `${t.worstRecoveryS.toFixed(1)} s`}${t.noRecovery > 0 ? ` (${t.noRecovery} faults never recovered)` : ''}`;
    return `soak ${project}: ${t.runs} runs, ${t.failures} failed${recovery}; ${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)} s a run`;
  });
  const all = soakTotals(runs);
  lines.push(
    `soak: ${all.runs} runs, ${all.failures} failed, lost ${all.lost}, worst recovery ${all.worstRecoveryS === undefined ? 'n/a' : `${all.worstRecoveryS.toFixed(1)} s`}`,
  );
  for (const what of notRun) lines.push(`soak: not run: ${what}`);
  for (const run of runs.filter((r) => !r.passed)) {
    lines.push(`failed: ${run.project} run ${run.index}:`, ...run.why.map((line) => `    ${line}`));
  }
  return lines;
}
