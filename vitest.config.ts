import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/global.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
  },
});
