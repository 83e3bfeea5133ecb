import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global-postgres.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // On CI a JSON report too, from which .ci/run prints the plain 'N passed, N failed' line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
      : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: [
            'test/**/*.test.ts',
            'src-main/**/*.test.ts',
            'db/**/*.test.ts',
            'src-preload/**/*.test.ts',
            'src-renderer/**/*.test.ts',
          ],
        },
      },
      // The sync tests once more with every station through PgBouncer (transaction pooling) and
      // the wake relay (docs/adr/0018); needs /usr/sbin/pgbouncer (Debian package pgbouncer).
      {
        extends: true,
        test: { name: 'sync-pooled', include: ['test/sync/**/*.test.ts'] },
      },
    ],
  },
});
