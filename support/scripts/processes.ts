import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProcessLine {
  pid: number;
  command: string;
}

interface GroupedProcess extends ProcessLine {
  parent: number;
  group: number;
}

/** Every process, from `ps` (Linux and macOS alike). -ww: never cut a command line. */
async function allProcesses(): Promise<GroupedProcess[]> {
  const { stdout } = await run('ps', ['-ww', '-eo', 'pid=,ppid=,pgid=,args='], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      pid: Number(match[1]),
      parent: Number(match[2]),
      group: Number(match[3]),
      command: match[4] ?? '',
    }))
    .filter((p) => p.pid !== process.pid && !p.command.startsWith('ps '));
}

/**
 * The processes whose command line contains `text` (e.g. the unique directory a spec gave a
 * broker): the way to show no JVM outlived its script.
 */
export async function processesMentioning(text: string): Promise<ProcessLine[]> {
  return (await allProcesses()).filter((p) => p.command.includes(text)).map(({ pid, command }) => ({ pid, command }));
}

/**
 * The process of group `group` that runs `file`: of those whose command line names it, the one
 * none of whose children also names it. A launcher such as tsx's CLI runs the file in a child
 * process and names it too; the child is where the program's event loop is.
 */
export async function processRunning(group: number, file: string): Promise<ProcessLine> {
  const naming = (await allProcesses()).filter((p) => p.group === group && p.command.includes(file));
  const innermost = naming.filter((p) => !naming.some((other) => other.parent === p.pid));
  const [found] = innermost;
  if (found === undefined || innermost.length > 1)
    throw new Error(
      `expected one process of group ${group} running ${file}, found ${innermost.length}: ${JSON.stringify(naming)}`,
    );
  return { pid: found.pid, command: found.command };
}
