import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scenarios/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
