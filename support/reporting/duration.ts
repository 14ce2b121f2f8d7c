/**
 * Milliseconds in the units a person thinks in, so a failure says "3 hours" where a reader would
 * otherwise have to divide 10800000 by hand.
 */
const UNITS = [
  { ms: 24 * 60 * 60 * 1000, one: 'day', many: 'days' },
  { ms: 60 * 60 * 1000, one: 'hour', many: 'hours' },
  { ms: 60 * 1000, one: 'minute', many: 'minutes' },
  { ms: 1000, one: 'second', many: 'seconds' },
  { ms: 1, one: 'ms', many: 'ms' },
] as const;

/** 259200000 -> "3 days", 5400000 -> "1 hour 30 minutes", -1 -> "forever" (Kafka's "no limit"). */
export function humanDuration(ms: number): string {
  if (!Number.isSafeInteger(ms)) return `${ms} ms`;
  if (ms === -1) return 'forever';
  if (ms === 0) return '0 ms';
  if (ms < 0) return `${ms} ms`;
  const parts: string[] = [];
  let rest = ms;
  for (const unit of UNITS) {
    const count = Math.floor(rest / unit.ms);
    if (count > 0) parts.push(`${count} ${count === 1 ? unit.one : unit.many}`);
    rest -= count * unit.ms;
  }
  return parts.join(' ');
}

/** "259200000 (3 days)"; a value that is not a whole number of ms is shown as it is. */
export function msWithHumanUnits(value: string | number): string {
  const ms = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'string' && (value.trim() === '' || !/^-?\d+$/.test(value.trim()))) return value;
  return `${value} (${humanDuration(ms)})`;
}

/** 1234 -> "1.2 s": how long a spec file or a step took, in the checklist. */
export const inSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
