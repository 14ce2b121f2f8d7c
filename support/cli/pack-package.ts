/**
 * `npm run package`: the shipped package (support/lib) compiled and packed as npm would publish it,
 * into dist/. Prints the tarball's path, for `npm install <tarball>` in another project.
 */
import { mkdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { repoPath } from '../repository/index.js';
import { packShippedPackage } from '../shipped-package/index.js';
import { endCli } from './end-cli.js';

async function main(): Promise<void> {
  const dist = repoPath('dist');
  await mkdir(dist, { recursive: true });
  const packed = await packShippedPackage(dist, (line) => {
    process.stderr.write(`package: ${line}\n`);
  });
  process.stderr.write(`package: ${packed.name}@${packed.version}; install it with npm install <this file>\n`);
  console.log(relative(process.cwd(), packed.tarball));
}

endCli('package', main, { exit: 'when-idle' });
