import { repoPath } from '../repository/repo-root.js';

/** The harness's one parent-exit watchdog (modes run | kill | exec: see the script's header). */
export const WHEN_PARENT_EXITS_SCRIPT = repoPath('support', 'broker', 'when-parent-exits.sh');
