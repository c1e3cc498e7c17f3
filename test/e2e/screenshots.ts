import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** Where the e2e screenshots go; the best are copied to docs/screenshots by hand. */
export const SHOTS = 'test-results/screenshots';

/** A screenshot of the popover in light and dark mode (looked at by a person, not asserted). */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(250); // let colour transitions (≤ 150 ms) finish
    await page.screenshot({ path: join(SHOTS, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
