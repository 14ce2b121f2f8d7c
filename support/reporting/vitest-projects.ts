/**
 * The names of the suite's vitest projects, in one place: vitest.config.ts defines the projects
 * under these names, and the checklist reads them to tell a full run from a narrowed one.
 */
export const PROJECT = {
  /** No broker: schemas, static checks of files, type specs. */
  contracts: 'contracts',
  /** The one broker of global setup. */
  kafka: 'kafka',
  /** `npm run verify`: the user's own cluster, read-only. */
  verify: 'verify',
  /** Clusters of its own, with crashes; run on its own. */
  cluster: 'cluster',
} as const;

/** The vitest projects whose specs prove the milestone: a full run runs all of them. */
export const MILESTONE_PROJECTS = [PROJECT.contracts, PROJECT.kafka] as const;
