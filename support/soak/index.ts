/** npm run soak: its plan and what it reads from and prints of each run. */
export * from './soak-plan.js';
export * from './soak-report.js';
