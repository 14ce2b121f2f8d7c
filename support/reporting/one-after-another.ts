/**
 * Several reporters acting as one whose hooks run one after another, each awaited. vitest runs the
 * hooks of its reporters concurrently, so the junit reporter's "report written" line could otherwise
 * land after the checklist's last line, which CI systems read.
 */
import type { Reporter } from 'vitest/node';

type Hook = (...args: unknown[]) => unknown;

/** The names of a reporter's hooks (on…), its own and its class's. */
function hookNames(reporter: Reporter): string[] {
  const names = new Set<string>();
  for (
    let o: object | null = reporter;
    o !== null && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name.startsWith('on') && typeof (reporter as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

export function oneAfterAnother(...reporters: Reporter[]): Reporter {
  const names = new Set(reporters.flatMap(hookNames));
  const hooks = [...names].map((name): [string, Hook] => [
    name,
    async (...args: unknown[]) => {
      for (const reporter of reporters) {
        const hook = (reporter as Record<string, unknown>)[name];
        if (typeof hook === 'function') await (hook as Hook).apply(reporter, args);
      }
    },
  ]);
  return Object.fromEntries(hooks);
}
