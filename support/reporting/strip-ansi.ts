// eslint-disable-next-line no-control-regex -- the colour codes vitest and npm print
const ANSI_COLOUR = /\u001b\[[0-9;]*m/g;

/** `text` without terminal colour codes: what a log file or a failure message should hold. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_COLOUR, '');
}
