/**
 * The shipped package (support/lib) as npm would publish it: compiled to JavaScript with declarations,
 * its package.json's exports pointing at them, README and LICENSE beside, packed with `npm pack`.
 * In this repository the package's exports point at its TypeScript source (the specs, tsx and tsc read
 * it as it is); the packed package.json is that one with the exports rewritten, so it has one home.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoPath } from '../repository/index.js';

const run = promisify(execFile);
export const PACKAGE_SOURCE = repoPath('support', 'lib');

interface SourceManifest {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  scripts?: Record<string, string>;
  [field: string]: unknown;
}

/** The packed package.json: compiled entry points instead of the source, no scripts (they guard the source). */
export function publishedManifest(source: SourceManifest): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...source };
  delete rest.scripts;
  return {
    ...rest,
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist', 'README.md', 'LICENSE'],
  };
}

export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** The .tgz that `npm install <tarball>` takes. */
  readonly tarball: string;
}

/** Builds the package into `workDir`/package and packs it into `workDir`; `say` reports progress. */
export async function packShippedPackage(
  workDir: string,
  say: (line: string) => void = () => undefined,
): Promise<PackedPackage> {
  const out = join(workDir, 'package');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const source = JSON.parse(await readFile(join(PACKAGE_SOURCE, 'package.json'), 'utf8')) as SourceManifest;
  say(`compiling ${source.name} (tsc -p support/lib/tsconfig.build.json)`);
  await run(
    process.execPath,
    [
      repoPath('node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(PACKAGE_SOURCE, 'tsconfig.build.json'),
      '--outDir',
      join(out, 'dist'),
    ],
    { timeout: 120_000 },
  );
  await writeFile(join(out, 'package.json'), `${JSON.stringify(publishedManifest(source), null, 2)}\n`);
  for (const file of ['README.md', 'LICENSE']) await copyFile(join(PACKAGE_SOURCE, file), join(out, file));
  say(`packing ${source.name}@${source.version} (npm pack)`);
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', workDir], {
    cwd: out,
    timeout: 60_000,
  });
  const fileName = stdout.trim().split('\n').pop() ?? '';
  return { name: source.name, version: source.version, tarball: join(workDir, fileName) };
}
