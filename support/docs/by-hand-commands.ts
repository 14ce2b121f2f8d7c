/**
 * The by-hand commands of docs/learn-kafka.md are the checklist's (support/reporting/milestone-steps.ts,
 * the one source): the page holds one ```sh block per step, marked <!-- by-hand: <step> -->, with the
 * commands for Kafka DOCS_KAFKA_VERSION and the checklist's notes as # comments. A contracts spec
 * checks the page against the source; a kafka spec runs the source's commands for the run's version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KAFKA_VERSION } from '../broker/kafka-versions.js';
import { HAND_BOOTSTRAP, kafkaCliDialect } from '../kafka-tools/kafka-cli-commands.js';
import { beyondMilestoneSteps, milestoneSteps, type MilestoneStep } from '../reporting/milestone-steps.js';
import { loadTopicCatalog } from '../topics/topic-catalog.js';
import { REPO_ROOT } from '../repository/repo-root.js';

export const LEARN_KAFKA_DOC = join(REPO_ROOT, 'docs', 'learn-kafka.md');

/** The page shows the commands of the default version; its notes say what 3.9 spells differently. */
export const DOCS_KAFKA_VERSION = DEFAULT_KAFKA_VERSION;

/** The steps whose by-hand commands use Kafka's tools against a broker (2 validates files; 8 runs scripts). */
export const KAFKA_TOOL_STEPS = ['1', '3', '4', '5', '3-5 CLI', '6', '7'] as const;

/** A line of the checklist's by-hand list that is a note in parentheses, not a command. */
export function isNote(line: string): boolean {
  return line.startsWith('(');
}

/** The milestone's steps: the rows of README.md's and the page's step tables. */
export function milestoneStepsFor(kafkaVersion: string): MilestoneStep[] {
  return milestoneSteps(loadTopicCatalog(), kafkaCliDialect(kafkaVersion), REPO_ROOT);
}

/** The milestone's steps, then those beyond it (step 9): the page's by-hand blocks. */
export function stepsFor(kafkaVersion: string): MilestoneStep[] {
  return [
    ...milestoneStepsFor(kafkaVersion),
    ...beyondMilestoneSteps(loadTopicCatalog(), kafkaCliDialect(kafkaVersion)),
  ];
}

/** A step's block as the page must show it: commands as they are, notes as # comments. */
export function byHandBlock(step: MilestoneStep): string[] {
  return step.byHand.map((line) => (isNote(line) ? `# ${line}` : line));
}

export interface DocBlock {
  label: string;
  /** 1-based line of the block's first command in the page, for messages. */
  line: number;
  lines: string[];
}

const MARKER = /^<!-- by-hand: (.+) -->$/;

/** The page's marked blocks, in page order. */
export function parseByHandBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  lines.forEach((text, index) => {
    const label = MARKER.exec(text.trim())?.[1];
    if (label === undefined) return;
    if (lines[index + 1]?.trim() !== '```sh')
      throw new Error(
        `docs/learn-kafka.md:${index + 1}: <!-- by-hand: ${label} --> must be followed by a \`\`\`sh block`,
      );
    const end = lines.findIndex((l, i) => i > index + 1 && l.trim() === '```');
    if (end === -1)
      throw new Error(`docs/learn-kafka.md:${index + 2}: the \`\`\`sh block of step ${label} is not closed`);
    blocks.push({ label, line: index + 3, lines: lines.slice(index + 2, end) });
  });
  return blocks;
}

export function readDocBlocks(file: string = LEARN_KAFKA_DOC): DocBlock[] {
  return parseByHandBlocks(readFileSync(file, 'utf8'));
}

/** A command as run against a broker at `bootstrap` instead of the page's localhost:9092. */
export function atBootstrap(command: string, bootstrap: string): string {
  return command.replaceAll(HAND_BOOTSTRAP, bootstrap);
}
