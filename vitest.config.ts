import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn many git and node processes; two cores are all we have.
    maxWorkers: 2,
  },
});

export { config as default };
