import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProcessLine {
  pid: number;
  command: string;
}

/**
 * The processes whose command line contains `text` (e.g. the unique directory a spec gave a
 * broker), from `ps`: the way to show no JVM outlived its script. -ww: never cut a command line.
 */
export async function processesMentioning(text: string): Promise<ProcessLine[]> {
  const { stdout } = await run('ps', ['-ww', '-eo', 'pid=,args='], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), command: match[2] ?? '' }))
    .filter((p) => p.pid !== process.pid && p.command.includes(text) && !p.command.startsWith('ps '));
}
