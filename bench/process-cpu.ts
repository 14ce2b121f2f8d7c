/**
 * CPU seconds used so far, to say what each consumer costs per record besides its speed: this
 * process (every thread: the event loop, GC, libuv) and a broker's whole process tree (the jvm
 * broker runs under a watchdog shell). The tree is read from Linux's /proc; elsewhere it is unknown.
 */
import { readFileSync } from 'node:fs';

/** This process's user + system CPU, in seconds. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

// /proc/<pid>/stat: fields after the command name; utime and stime are the 12th and 13th, in clock ticks.
const CLOCK_TICKS_PER_SECOND = 100;

function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter((s) => s !== '')
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU seconds of `pid` and every process below it; undefined when /proc cannot tell. */
export function treeCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return processCpuSeconds(pid) + childrenOf(pid).reduce((sum, child) => sum + (treeCpuSeconds(child) ?? 0), 0);
  } catch {
    return undefined;
  }
}
