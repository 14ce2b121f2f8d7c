import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: schemas/, examples/, scripts/ and the docs are read from there. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A path inside the repository, e.g. repoPath('scripts', 'topic-catalog.txt'). */
export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}
