/**
 * Files a script spec writes for one run of a script: a temporary directory, and a topic catalog
 * with some of scripts/topic-catalog.txt's lines (or lines of its own).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPIC_CATALOG_FILE } from '../topics/topic-catalog.js';

/** A fresh directory under the system's temp dir; `remove()` deletes it and what it holds. */
export function scratchDir(what: string): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${what}-`));
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real catalog's line for each named topic, e.g. "OrderReceived order_received 3 1 retention.ms=…". */
export function catalogLines(names: readonly string[]): string[] {
  const lines = readFileSync(TOPIC_CATALOG_FILE, 'utf8').split('\n');
  return names.map((name) => lines.find((l) => l.startsWith(`${name} `)) ?? '');
}

/** Writes a catalog file of these lines (after the catalog's header comment) and returns its path. */
export function writeCatalog(file: string, lines: readonly string[]): string {
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
