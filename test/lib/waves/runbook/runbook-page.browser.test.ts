import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runWavesRunbook } from '../../../../lib/cli/waves-runbook-command';

/** The HTML runbook on a phone: readable at 360 px wide, no sideways scrolling, nothing fetched. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

describe('HTML runbook in headless Chromium', () => {
  let out: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (never download a browser)`,
      );
    }
    out = mkdtempSync(join(tmpdir(), 'runbook-page-'));
    expect(
      runWavesRunbook({
        config: 'config/landing-zone.yaml',
        waves: 'migration-waves',
        out,
        asOf: '2026-12-02',
      }).exitCode,
    ).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
  });

  it.each([360, 1280])('at %i px every step is on screen without sideways scrolling', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    await page.goto(`file://${resolve(out, 'wave-05', 'revs-bens-nec.html')}`);
    expect(errors).toEqual([]);
    // Expressions run in the page (the tests compile without the DOM library).
    const scroll = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(scroll).toBeLessThanOrEqual(width);
    expect(await page.locator('#window tr[data-step]').count()).toBe(8);
    expect(await page.textContent('[data-testid="decision"]')).toBe('11:15');
    expect(await page.textContent('[data-testid="latest"]')).toBe('19:00');
    // Narrow screens show each step as a card, labels included; wide ones as a table.
    const labelShown = await page.evaluate(
      `getComputedStyle(document.querySelector('#window td[data-label="Owner"]'), '::before').content`,
    );
    expect(labelShown).toBe(width <= 640 ? '"Owner"' : 'none');
    const fontSize = Number.parseFloat(
      String(await page.evaluate('getComputedStyle(document.body).fontSize')),
    );
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await page.close();
  });
});
