import { createRequire } from 'node:module';
import os from 'node:os';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql: without this, vite loads graphql's ESM build next to the CJS one
    // that type-graphql and Apollo import, and schema objects from one fail checks in the other.
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker less than the cores: one worker on a 2-core machine, while
    // most test files wait on databases and child processes rather than compute. Three files at
    // once took the suites from 232 and 387 s to 172 and 191 s on such a machine (SQLite, PostgreSQL).
    maxWorkers: Math.min(8, Math.max(3, os.availableParallelism())),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
