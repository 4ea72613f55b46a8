import { defineConfig } from 'vitest/config';

/** Browser journeys: one at a time against the server that scripts/test.mjs starts. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
