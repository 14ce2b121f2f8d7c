import { defineConfig } from 'vitest/config';

// Two projects: "contracts" needs no broker (schemas, static checks of files); "kafka" talks to the
// one broker that support/global-setup.ts provides for the whole run.
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'contracts',
          include: ['specs/contracts/**/*.spec.ts'],
        },
      },
      {
        test: {
          name: 'kafka',
          include: ['specs/kafka/**/*.spec.ts'],
          globalSetup: ['support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
