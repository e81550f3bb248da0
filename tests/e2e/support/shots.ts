import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

/**
 * Pictures for people to look at, taken only when asked: `SILA_SHOTS=/tmp/sila-shots npx playwright test …`
 * (the value is the folder). Without it the journeys take none — they assert, run axe, and move on.
 */
const folder = process.env.SILA_SHOTS?.trim() || null;

/** Whether this run takes pictures: for steps that exist only to frame one (a resize, a scroll, a pause). */
export const shotsWanted = folder !== null;

/**
 * `shot(page, 'holidays-ar-desktop', { fullPage: true })` writes `<SILA_SHOTS>/holidays-ar-desktop.png`;
 * a no-op unless SILA_SHOTS is set. `settleMs` waits first (a side bar sliding away) — only when a
 * picture is taken, so journeys without pictures never sleep for one.
 */
export async function shot(target: Page | Locator, name: string, options: { fullPage?: boolean; settleMs?: number } = {}): Promise<void> {
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  const page = 'mainFrame' in target ? target : null;
  if (options.settleMs) await (page ?? (target as Locator).page()).waitForTimeout(options.settleMs);
  if (page) await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  else await (target as Locator).screenshot({ path: file });
}
