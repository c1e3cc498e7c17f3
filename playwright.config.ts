import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Playwright's own browser download is blocked on our machines: use Debian's Chromium when it is
// installed (CI installs it), else an installed Chrome.
const debianChromium = '/usr/bin/chromium';
const launchOptions = existsSync(debianChromium)
  ? {
      executablePath: debianChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : { channel: 'chrome' };

export const config = defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Limits against hangs, not speed claims: a loaded two-core machine renders slowly.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results/playwright',
  use: {
    viewport: { width: 380, height: 560 },
    launchOptions,
    trace: 'retain-on-failure',
  },
});

export { config as default };
