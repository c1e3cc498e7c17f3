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
    // The zone test/e2e/host.ts gives the host: a user's browser and host share one, so pages
    // take the view the host served over (hydrate) as they do for a user.
    timezoneId: 'Europe/Berlin',
    launchOptions,
    trace: 'retain-on-failure',
  },
});

export { config as default };
