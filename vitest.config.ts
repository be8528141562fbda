import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    // Store suites open real databases; two forks keep the two cores busy without thrashing.
    pool: 'forks',
    testTimeout: 60_000,
    globalSetup: ['test/support/globalSetup.ts'],
    hookTimeout: 120_000,
    // The JSON report lets .ci/run print one plain closing line ("N passed, N failed").
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest.json' }]],
  },
});
