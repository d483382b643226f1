import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runServiceReport } from '../../../../lib/cli/ops-service-report-command';
import { monitoredEstate } from '../../../../lib/monitoring/monitored-estate';
import {
  FIXTURE_MONTH,
  FIXTURE_NOW,
  fixtureSource,
  installFixture,
} from '../../../../scripts/service-report/fixture';
import { exampleAssembly } from '../../../helpers/example-assembly';
import { exampleConfig } from '../../../helpers/landing-zone';
import { examplePlan } from '../../../helpers/waves';

/**
 * The service report as a manager reads it, in headless Chromium from the Debian package: on a
 * desktop and on a 360-pixel phone. A missing browser fails the test: CI installs it with
 * `apt-get install -y chromium`.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

describe('service report in headless Chromium', () => {
  let dir: string;
  let incomplete: string;
  let browser: Browser;
  const requests: string[] = [];
  const errors: string[] = [];

  async function report(out: string, deny?: { accountId: string; actions: string[] }): Promise<void> {
    const fixture = installFixture(monitoredEstate(exampleConfig(), examplePlan()), deny ? { deny } : {});
    try {
      await runServiceReport({
        config: 'config/landing-zone.yaml',
        waves: 'migration-waves',
        month: FIXTURE_MONTH,
        assembly: exampleAssembly().dir,
        prices: 'pricing',
        out,
        json: true,
        aws: {},
        source: fixtureSource(),
        now: FIXTURE_NOW,
      });
    } finally {
      fixture.restore();
    }
  }

  async function open(html: string, width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    await page.goto(`file://${resolve(html, 'index.html')}`);
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (never download a browser)`,
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'lz-service-report-page-'));
    incomplete = join(dir, 'incomplete');
    await report(join(dir, 'complete'));
    await report(incomplete, { accountId: '555555555555', actions: ['cloudwatch:GetMetricData'] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders every section with its charts, fetching nothing but itself', async () => {
    const page = await open(join(dir, 'complete'), 1280);
    expect(await page.title()).toBe('Kestrel Vale District Council: service report 2026-11');
    for (const id of [
      'summary',
      'worse',
      'availability',
      'incidents',
      'backups',
      'network',
      'databases',
      'cost',
    ]) {
      expect(await page.locator(`section#${id}`).count()).toBe(1);
    }
    expect(await page.locator('svg').count()).toBe(5);
    expect(await page.textContent('[data-testid="status"]')).toBe('7 target(s) missed in 2026-11.');
    expect(await page.locator('[data-testid="recommendations"] li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-testid="not-read"]').textContent()).toBe('Everything was read.');
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.close();
  });

  it('is readable on a 360-pixel phone: nothing wider than the screen, chart text at least 9 pixels', async () => {
    const page = await open(join(dir, 'complete'), 360);
    // Evaluated in the page; written as text because the test itself has no DOM types.
    const widths = await page.evaluate<{ document: number; body: number }>(
      '({ document: document.documentElement.scrollWidth, body: document.body.scrollWidth })',
    );
    expect(widths.document).toBeLessThanOrEqual(360);
    expect(widths.body).toBeLessThanOrEqual(360);
    const smallest = await page.evaluate<number>(
      "Math.min(...[...document.querySelectorAll('svg text')].map((t) => t.getBoundingClientRect().height))",
    );
    expect(smallest).toBeGreaterThanOrEqual(9);
    // Wide tables scroll inside their own box rather than widening the page.
    const wrapped = await page.evaluate<boolean>(
      "[...document.querySelectorAll('.table-wrap')].every((w) => getComputedStyle(w).overflowX === 'auto')",
    );
    expect(wrapped).toBe(true);
    await page.close();
  });

  it('an account that could not be read shows NOT READ, never 0 or a met target', async () => {
    const page = await open(incomplete, 1280);
    expect(await page.textContent('[data-testid="status"]')).toContain('NOT READ');
    const rows = await page.locator('[data-testid="availability"] tbody tr').allTextContents();
    const waste = rows.find((r) => r.startsWith('waste-bartec'));
    expect(waste).toContain('NOT READ');
    expect(await page.locator('td.not-read').count()).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="not-read"] li').first().textContent()).toContain(
      '[production eu-west-2] cloudwatch:GetMetricData: access denied',
    );
    await page.close();
  });
});
