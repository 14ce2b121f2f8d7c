import { describe, expect, it } from 'vitest';
import { byHandBlock, DOCS_KAFKA_VERSION, parseByHandBlocks, readDocBlocks, stepsFor } from '#support/docs/index.js';

// docs/learn-kafka.md shows each step's by-hand commands; they must be the checklist's, which
// specs/kafka/docs-by-hand-commands.spec.ts runs against a real broker. A command edited in the
// page alone (or in the source alone) fails here, naming the step, the page's line and the source's.
const steps = stepsFor(DOCS_KAFKA_VERSION);
const blocks = readDocBlocks();

describe(`docs/learn-kafka.md: the by-hand commands are the checklist's (Kafka ${DOCS_KAFKA_VERSION})`, () => {
  it('has one marked block per milestone step, in step order', () => {
    expect(
      blocks.map((b) => b.label),
      'the <!-- by-hand: <step> --> blocks of docs/learn-kafka.md',
    ).toEqual(steps.map((s) => s.label));
  });

  it.each(steps.map((step) => [step.label, step] as const))(
    "step %s: the page shows the checklist's commands, as written",
    (label, step) => {
      const block = blocks.find((b) => b.label === label);
      const expected = byHandBlock(step);
      if (block === undefined)
        throw new Error(
          `step ${label}: docs/learn-kafka.md has no <!-- by-hand: ${label} --> block; it should hold:\n${expected.join('\n')}`,
        );
      expected.forEach((line, index) => {
        expect(
          block.lines[index],
          `step ${label}, docs/learn-kafka.md:${block.line + index}: the page's command differs from the checklist's (support/reporting/milestone-steps.ts)`,
        ).toBe(line);
      });
      expect(
        block.lines.length,
        `step ${label}: the page's block has ${block.lines.length} lines, the checklist ${expected.length}:\n${expected.join('\n')}`,
      ).toBe(expected.length);
    },
  );

  it('parses a marker without a ```sh block as an error naming the line', () => {
    expect(() => parseByHandBlocks('x\n<!-- by-hand: 3 -->\ntext\n')).toThrow(
      'docs/learn-kafka.md:2: <!-- by-hand: 3 --> must be followed by a ```sh block',
    );
  });
});
