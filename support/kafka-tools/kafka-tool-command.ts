/** Kafka's command-line tools the specs use, by the name of their bin/ script (without .sh). */
export type KafkaToolName = 'kafka-topics' | 'kafka-configs';

/**
 * One invocation of a tool: its arguments (everything after --bootstrap-server <address>, which
 * depends on where the tool runs) and how to read what it prints.
 */
export interface KafkaToolCommand<T> {
  tool: KafkaToolName;
  args: readonly string[];
  parse: (stdout: string) => T;
  /**
   * A failure whose output matches this is asked again (a few times): e.g. kafka-configs describing
   * every topic fails when one is deleted between its listing and its describe, which other spec
   * files running side by side (or other users of a shared cluster) do.
   */
  askAgainOn?: RegExp;
}

/** What a tool did: Kafka's tools print results on stdout, and log warnings and errors on stderr. */
export interface KafkaToolRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const NEEDS_NO_QUOTES = /^[\w@%+=:,./${}-]+$/;

/** Quoted as a shell needs it; a word with a $VARIABLE in double quotes, so the shell expands it. */
function shellWord(word: string): string {
  if (NEEDS_NO_QUOTES.test(word)) return word;
  if (word.includes('$') && !/["\\`]/.test(word)) return `"${word}"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command as a person types it with Apache Kafka's bin/ scripts, e.g.
 * `kafka-topics.sh --bootstrap-server $BOOTSTRAP --list`.
 */
export function shellCommand(
  command: Pick<KafkaToolCommand<unknown>, 'tool' | 'args'>,
  bootstrap = '$BOOTSTRAP',
): string {
  return [`${command.tool}.sh`, '--bootstrap-server', bootstrap, ...command.args].map(shellWord).join(' ');
}
