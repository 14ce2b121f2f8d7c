import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#support/repository/index.js';
import { specFilesOnDisk } from '#support/reporting/index.js';
import { SLOW_SPEC_FILES } from '#support/run/index.js';

// vitest starts the files of support/run/slow-files-first.ts first. A file renamed or removed there would
// silently lose its place and could start last again, the 30-second tail the list exists to avoid.
describe('The slow spec files that start first are files of this run', () => {
  it('each file the sequencer starts first exists under specs/, once', () => {
    const onDisk = new Set(specFilesOnDisk(REPO_ROOT));
    const missing = SLOW_SPEC_FILES.filter((file) => !onDisk.has(file));
    expect(missing, `named in support/run/slow-files-first.ts but not on disk: ${missing.join(', ')}`).toEqual([]);
    const repeated = SLOW_SPEC_FILES.filter((file, index) => SLOW_SPEC_FILES.indexOf(file) !== index);
    expect(repeated, `named twice in support/run/slow-files-first.ts: ${repeated.join(', ')}`).toEqual([]);
  });
});
