import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { runWavesRunbook } from '../../../../lib/cli/waves-runbook-command';
import { launchChromium, offline } from '../../../helpers/chromium';

/** The HTML runbook on a phone: readable at 360 px wide, no sideways scrolling, nothing fetched. */
describe('HTML runbook in headless Chromium', () => {
  let out: string;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    out = mkdtempSync(join(tmpdir(), 'runbook-page-'));
    expect(
      runWavesRunbook({
        config: 'config/landing-zone.yaml',
        waves: 'migration-waves',
        out,
        asOf: '2026-12-02',
      }).exitCode,
    ).toBe(0);
  });

  afterAll(async () => {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
  });

  it.each([360, 1280])('at %i px every step is on screen without sideways scrolling', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await offline(page, requests);
    await page.goto(`file://${resolve(out, 'wave-05', 'revs-bens-nec.html')}`);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
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
