import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CodeRegion,
  type DocQuote,
  parseDocQuotes,
  parseRegion,
  quoteDifference,
  readDocQuotes,
  readRegion,
} from '#support/docs/index.js';
import { repoPath } from '#support/repository/index.js';

// The docs quote code from the specs instead of copying it (testcontainers-node style): a spec marks
// a region `// #region <name>` ... `// #endregion <name>`, and a page shows it in the fenced block
// after `<!-- quote: <file>#<name> -->`. Each quoted block must be its region's code, as it runs in
// the suite; a block edited in the page alone, or a region changed in the spec alone, fails here with
// the page's line, the region and the difference. README's quotes stay short: 20 lines at most.
const README = 'README.md';
const README_QUOTE_MAX_LINES = 20;
const pages = [
  README,
  ...readdirSync(repoPath('docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const quotes = pages.flatMap((page) => readDocQuotes(page));

/** The region a quote names; a missing one fails naming the page's line too. */
function regionQuotedBy(quote: DocQuote): CodeRegion {
  try {
    return readRegion(quote.source, quote.region);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${quote.doc}:${quote.markerLine} quotes ${quote.source}#${quote.region}, but ${why}`, {
      cause: error,
    });
  }
}

describe('The docs quote code from the specs, and each quote is the code as it is', () => {
  it('README.md shows how to use EventConsumer in a quoted block', () => {
    const shown = quotes.filter((q) => q.doc === README && q.lines.some((l) => l.includes('new EventConsumer(')));
    expect(
      shown.map((q) => `${q.doc}:${q.markerLine} ${q.source}#${q.region}`),
      `README.md: expected a <!-- quote: <spec>#<region> --> block that calls new EventConsumer(...); the quotes it has: ${
        quotes
          .filter((q) => q.doc === README)
          .map((q) => `${q.source}#${q.region}`)
          .join(', ') || 'none'
      }`,
    ).toHaveLength(1);
  });

  it.each(quotes.map((q) => [`${q.doc}:${q.markerLine}`, `${q.source}#${q.region}`, q] as const))(
    '%s quotes %s as it is',
    (_at, _what, quote) => {
      const region = regionQuotedBy(quote);
      const difference = quoteDifference(region.lines, quote.lines);
      expect(
        difference === '',
        `${quote.doc}:${quote.firstLine}: the block quoted from ${quote.source}#${quote.region} differs from the region's code (${region.file}:${region.firstLine}-${region.lastLine}); lines with - are only in the spec, + only in ${quote.doc}:\n${difference}\n`,
      ).toBe(true);
      if (quote.doc === README)
        expect(
          region.lines.length,
          `${quote.doc}:${quote.markerLine}: a README quote is at most ${README_QUOTE_MAX_LINES} lines; ${region.file}#${region.name} has ${region.lines.length}`,
        ).toBeLessThanOrEqual(README_QUOTE_MAX_LINES);
    },
  );

  it('reads a region dedented, and names the file and the region when it is missing or not closed', () => {
    const spec = ['it("x", () => {', '  // #region r', '  const a = 1;', '', '    a;', '  // #endregion r', '});'].join(
      '\n',
    );
    expect(parseRegion(spec, 'x.spec.ts', 'r')).toEqual({
      file: 'x.spec.ts',
      name: 'r',
      firstLine: 3,
      lastLine: 5,
      lines: ['const a = 1;', '', '  a;'],
    });
    expect(() => parseRegion(spec, 'x.spec.ts', 'other')).toThrow('x.spec.ts has no "// #region other"');
    expect(() => parseRegion('// #region r\nx;\n', 'x.spec.ts', 'r')).toThrow(
      'x.spec.ts:1: "// #region r" has no "// #endregion r" after it',
    );
  });

  it('finds a marked block in a page, and names the line of a marker without one', () => {
    const page = ['# t', '<!-- quote: specs/a.spec.ts#r -->', '```ts', 'const a = 1;', '```', ''].join('\n');
    expect(parseDocQuotes(page, 'page.md')).toEqual([
      { doc: 'page.md', markerLine: 2, firstLine: 4, source: 'specs/a.spec.ts', region: 'r', lines: ['const a = 1;'] },
    ]);
    expect(() => parseDocQuotes('x\n<!-- quote: specs/a.spec.ts#r -->\ntext\n', 'page.md')).toThrow(
      'page.md:2: <!-- quote: specs/a.spec.ts#r --> must be followed by a fenced block',
    );
  });

  it('shows a drifted quote as a line diff: - in the spec, + in the page', () => {
    expect(quoteDifference(['a', 'b', 'c'], ['a', 'B', 'c'])).toBe('  a\n- b\n+ B\n  c');
    expect(quoteDifference(['a'], ['a'])).toBe('');
  });
});
