import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Limits against hangs, not speed claims: with a second build beside it on two cores, the
    // heaviest test (thousands of damaged caches) took 62 s, so a tighter limit fails by chance.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Integration tests spawn many git and node processes; two cores are all we have.
    maxWorkers: 2,
  },
});

export { config as default };
