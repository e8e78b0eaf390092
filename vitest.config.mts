import { defineConfig } from 'vitest/config';

/**
 * Each test file boots its own Strapi on a fresh database (a temporary SQLite file, or a
 * temporary PostgreSQL database with DATABASE_CLIENT=postgres), in its own forked process.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/__tests__/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // A slow first boot must not be retried into a double send; failures stay failures.
    retry: 0,
  },
});
