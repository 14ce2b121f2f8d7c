/** How the benches print: plain lines on stdout. */
export const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
