/** The usage block of the package's README: the code an engineer copies, which a spec runs as installed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_SOURCE } from './build-package.js';

export const USAGE_MARKER = '<!-- usage: run by specs/kafka/step-7-installed-package.spec.ts -->';

/** The ```js block right after the usage marker in support/lib/README.md. */
export function readmeUsage(readme = readFileSync(join(PACKAGE_SOURCE, 'README.md'), 'utf8')): string {
  const at = readme.indexOf(USAGE_MARKER);
  if (at < 0) throw new Error(`support/lib/README.md has no ${USAGE_MARKER}`);
  const block = /^```js\n([\s\S]*?)^```$/m.exec(readme.slice(at + USAGE_MARKER.length));
  if (block?.[1] === undefined) throw new Error(`support/lib/README.md: no \`\`\`js block after ${USAGE_MARKER}`);
  return block[1];
}
