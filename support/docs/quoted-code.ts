/**
 * Code the docs quote from the specs, testcontainers-node style: a spec marks a region with
 * `// #region <name>` ... `// #endregion <name>`, and a markdown page shows it in a fenced block
 * right after a marker naming the file and the region:
 *
 *     <!-- quote: specs/kafka/step-7-dead-letter-route.spec.ts#readme-event-consumer -->
 *     ```ts
 *     (the region's lines, dedented)
 *     ```
 *
 * The path is relative to the repository root, whichever page quotes it. A contracts spec
 * (specs/contracts/docs-quotes.spec.ts) keeps every quoted block equal to its region.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { REPO_ROOT, repoPath } from '../repository/repo-root.js';

/** The lines between a region's markers, without the markers, dedented. */
export interface CodeRegion {
  /** Repository-relative, for messages. */
  readonly file: string;
  readonly name: string;
  /** 1-based lines of the region's first and last code lines in the file. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly lines: readonly string[];
}

/** A fenced block of a markdown page that quotes a region. */
export interface DocQuote {
  /** Repository-relative page, for messages. */
  readonly doc: string;
  /** 1-based line of the marker. */
  readonly markerLine: number;
  /** 1-based line of the block's first code line. */
  readonly firstLine: number;
  /** The quoted file, repository-relative, and the region's name. */
  readonly source: string;
  readonly region: string;
  readonly lines: readonly string[];
}

/** The lines with their common leading whitespace removed; blank lines become empty. */
export function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(common).trimEnd()));
}

/** The code of `// #region <name>` ... `// #endregion <name>` in `text`; `file` names it in errors. */
export function parseRegion(text: string, file: string, name: string): CodeRegion {
  const lines = text.split('\n');
  const isMarker = (kind: 'region' | 'endregion') => (l: string) => l.trim() === `// #${kind} ${name}`;
  const starts = lines.flatMap((l, i) => (isMarker('region')(l) ? [i] : []));
  if (starts.length === 0) throw new Error(`${file} has no "// #region ${name}"`);
  if (starts.length > 1)
    throw new Error(
      `${file} has "// #region ${name}" ${starts.length} times (lines ${starts.map((i) => i + 1).join(', ')})`,
    );
  const start = starts[0] ?? 0;
  const end = lines.findIndex((l, i) => i > start && isMarker('endregion')(l));
  if (end === -1) throw new Error(`${file}:${start + 1}: "// #region ${name}" has no "// #endregion ${name}" after it`);
  return { file, name, firstLine: start + 2, lastLine: end, lines: dedent(lines.slice(start + 1, end)) };
}

/** A region of a repository file (path relative to the repository root). */
export function readRegion(source: string, name: string): CodeRegion {
  return parseRegion(readFileSync(repoPath(source), 'utf8'), source, name);
}

const QUOTE_MARKER = /^<!-- quote: (\S+)#(\S+) -->$/;
const FENCE_OPEN = /^```[\w-]*$/;

/** Every quote of a page, in page order; `doc` names it in errors. */
export function parseDocQuotes(markdown: string, doc: string): DocQuote[] {
  const lines = markdown.split('\n');
  const quotes: DocQuote[] = [];
  lines.forEach((text, index) => {
    const marker = QUOTE_MARKER.exec(text.trim());
    if (marker === null) return;
    const [, source = '', region = ''] = marker;
    if (!FENCE_OPEN.test(lines[index + 1]?.trim() ?? ''))
      throw new Error(
        `${doc}:${index + 1}: <!-- quote: ${source}#${region} --> must be followed by a fenced block (\`\`\`ts)`,
      );
    const end = lines.findIndex((l, i) => i > index + 1 && l.trim() === '```');
    if (end === -1) throw new Error(`${doc}:${index + 2}: the fenced block quoting ${source}#${region} is not closed`);
    quotes.push({
      doc,
      markerLine: index + 1,
      firstLine: index + 3,
      source,
      region,
      lines: lines.slice(index + 2, end),
    });
  });
  return quotes;
}

/** The quotes of a markdown file (an absolute path, or one relative to the repository root). */
export function readDocQuotes(markdownFile: string): DocQuote[] {
  const full = resolve(REPO_ROOT, markdownFile);
  return parseDocQuotes(readFileSync(full, 'utf8'), relative(REPO_ROOT, full));
}

/**
 * How a quoted block differs from its region, as a line diff (`-` only in the region, `+` only in
 * the page, two spaces in both); empty when they are equal.
 */
export function quoteDifference(region: readonly string[], quoted: readonly string[]): string {
  if (region.length === quoted.length && region.every((l, i) => l === quoted[i])) return '';
  // Longest common subsequence, line by line: blocks are a few dozen lines.
  const lcs: number[][] = Array.from({ length: region.length + 1 }, () => new Array<number>(quoted.length + 1).fill(0));
  for (let i = region.length - 1; i >= 0; i--)
    for (let j = quoted.length - 1; j >= 0; j--) {
      const row = lcs[i] ?? [];
      row[j] =
        region[i] === quoted[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < region.length || j < quoted.length) {
    if (i < region.length && j < quoted.length && region[i] === quoted[j]) {
      out.push(`  ${region[i] ?? ''}`);
      i++;
      j++;
    } else if (i < region.length && (j === quoted.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      out.push(`- ${region[i] ?? ''}`);
      i++;
    } else {
      out.push(`+ ${quoted[j] ?? ''}`);
      j++;
    }
  }
  return out.join('\n');
}
