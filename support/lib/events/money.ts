/** Arithmetic on money amounts without ever going through a float. */
import type { MoneyAmount } from './types.js';

/** "12.50" -> 1250n. Amounts have exactly two decimal places (money.schema.json), so this is exact. */
export function toMinorUnits(amount: MoneyAmount): bigint {
  const match = /^(0|[1-9][0-9]*)\.([0-9]{2})$/.exec(amount);
  if (match === null) throw new Error(`not a money amount: ${JSON.stringify(amount)}`);
  return BigInt(`${match[1] ?? ''}${match[2] ?? ''}`);
}

/** 3390n -> "33.90" */
export function fromMinorUnits(minorUnits: bigint): MoneyAmount {
  if (minorUnits < 0n) throw new Error(`amounts are not negative: ${minorUnits.toString()}`);
  const digits = minorUnits.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
