import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    // Each file has its own database; two workers match the two cores CI has.
    pool: 'forks',
    maxWorkers: 2,
    // Each file builds its own app on its own database; sharing the loaded modules between the files
    // of a worker saves re-importing the server for every file (most of the suite's time).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
