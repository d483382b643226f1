// Shared by the screenshot scripts: renders a generated report in Debian's headless Chromium (never a
// downloaded browser) and saves the top of the page, down to the part a reader looks at first.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

export interface PageShot {
  /** The report's HTML file. */
  readonly html: string;
  /** The screenshot is cut just below this element. */
  readonly until: string;
  /** Where the cut falls if the element is not found. */
  readonly fallbackBottom: number;
  readonly width: number;
  readonly png: string;
}

/** Debian's Chromium and the flags that keep it headless, offline and quiet (the browser tests use them too). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export async function screenshotPage(shot: PageShot): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({
      viewport: { width: shot.width, height: 900 },
      deviceScaleFactor: 1,
    });
    await page.goto(`file://${shot.html}`);
    const box = await page.locator(shot.until).boundingBox();
    const bottom = box ? box.y + box.height : shot.fallbackBottom;
    mkdirSync(dirname(shot.png), { recursive: true });
    await page.screenshot({
      path: shot.png,
      fullPage: true,
      clip: { x: 0, y: 0, width: shot.width, height: Math.ceil(bottom) + 16 },
    });
    process.stdout.write(`wrote ${shot.png}\n`);
  } finally {
    await browser.close();
  }
}
