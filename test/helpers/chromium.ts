import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/screenshot-page';

/**
 * Headless Chromium from the Debian package (never a downloaded browser). A missing browser fails
 * the test on purpose: CI installs it with `apt-get install -y chromium`.
 */
export const CHROMIUM = CHROMIUM_PATH;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (never download a browser)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}

/** Lets the page load only local files: a self-contained page asks for nothing else. */
export async function offline(page: Page, requests: string[] = []): Promise<void> {
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) {
      return route.continue();
    }
    requests.push(url);
    return route.abort();
  });
}
