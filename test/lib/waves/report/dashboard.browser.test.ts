import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runWavesReport } from '../../../../lib/cli/waves-report-command';
import { launchChromium, offline } from '../../../helpers/chromium';
import { examplePlan } from '../../../helpers/waves';
import { exampleAssembly } from '../../../helpers/example-assembly';
import { buildCostReport } from '../../../../lib/cli/cost-command';
import { gbp } from '../../../../lib/figures/format';

/**
 * The dashboard as a manager sees it, in headless Chromium from the Debian package. A missing
 * browser fails this test on purpose: CI installs it with `apt-get install -y chromium`.
 */

describe('waves dashboard in headless Chromium', () => {
  let out: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    out = mkdtempSync(join(tmpdir(), 'waves-report-'));
    const run = runWavesReport({
      config: 'config/landing-zone.yaml',
      waves: 'migration-waves',
      out,
      asOf: '2026-11-23',
      // The example synthesised by jest's global set-up: the cost figures are priced from it.
      assembly: exampleAssembly().dir,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Self-contained: any request other than the file itself would be a mistake.
    await offline(page);
    await page.goto(`file://${resolve(out, 'dashboard.html')}`);
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('renders the header, the date and the programme status', async () => {
    expect(await page.title()).toBe('Kestrel Vale cloud migration: migration dashboard 2026-11-23');
    expect(await page.textContent('[data-testid="as-of"]')).toBe('2026-11-23');
    expect(await page.getAttribute('#programme-rag', 'data-rag')).toBe('red');
  });

  it('draws the Gantt chart with a row per wave, cutover markers, blackouts and today', async () => {
    const plan = examplePlan();
    expect(await page.locator('#gantt').isVisible()).toBe(true);
    expect(await page.locator('#gantt .gantt-row').count()).toBe(plan.waves.length);
    const box = await page.locator('#gantt').boundingBox();
    expect(box?.width).toBeGreaterThan(800);
    expect(box?.height).toBeGreaterThan(200);
    expect(await page.locator('#gantt .cutover').count()).toBeGreaterThanOrEqual(plan.waves.length);
    expect(await page.locator('#gantt .blackout[data-blackout="christmas-freeze-2026"]').count()).toBe(1);
    expect(await page.locator('#gantt .today').count()).toBe(1);
    expect(await page.locator('#burndown-workloads .series-actual').count()).toBe(1);
    expect(await page.locator('#burndown-servers .series-baseline').count()).toBe(1);
  });

  it('shows the numbers in the files', async () => {
    const plan = examplePlan();
    const scoped = plan.waves.flatMap((w) => w.workloads).filter((w) => w.strategy !== 'retain');
    const done = scoped.filter((w) => ['cutover', 'disconnected', 'complete'].includes(w.status));
    expect(await page.textContent('[data-testid="workloads-done"]')).toBe(
      `${done.length} / ${scoped.length}`,
    );
    const servers = scoped.reduce((n, w) => n + w.servers.length, 0);
    const serversDone = done.reduce((n, w) => n + w.servers.length, 0);
    expect(await page.textContent('[data-testid="servers-done"]')).toBe(`${serversDone} / ${servers}`);
    for (const { wave, workloads } of plan.waves) {
      const row = page.locator(`#wave-table tr[data-wave="${wave.id}"]`);
      const inScope = workloads.filter((w) => w.strategy !== 'retain');
      const moved = inScope.filter((w) => ['cutover', 'disconnected', 'complete'].includes(w.status));
      expect(await row.locator('.wave-progress').textContent()).toBe(
        `${moved.length} of ${inScope.length} workloads`,
      );
    }
    expect(await page.locator('#blockers tr[data-blocker="housing-repairs"]').count()).toBe(1);
    expect(await page.locator('#upcoming-cutovers tr[data-cutover="finance-unit4"]').count()).toBe(1);
    expect(
      await page.locator('#upcoming-blackouts tr[data-upcoming-blackout="christmas-freeze-2026"]').count(),
    ).toBe(1);
    expect(await page.locator('#rag-rules li').count()).toBe(11);
  });

  it('shows run cost and savings from the figures model, and draws the before/after chart', async () => {
    const built = buildCostReport({
      assembly: exampleAssembly(),
      waves: 'migration-waves',
      config: 'config/landing-zone.yaml',
      prices: 'pricing',
      usage: 'pricing/usage-assumptions.yaml',
      asOf: '2026-11-23',
    });
    if ('error' in built) {
      throw new Error(built.error);
    }
    const p = built.report.figures.programme;
    expect(await page.textContent('[data-testid="monthly-cost"]')).toBe(gbp(p.runCostNowGbp));
    expect(await page.textContent('[data-testid="savings"]')).toBe(gbp(p.realisedSavingGbp));
    expect(await page.textContent('[data-testid="cost-after"]')).toBe(gbp(p.afterMonthlyGbp));
    const chart = page.locator('#run-cost-chart');
    expect(await chart.isVisible()).toBe(true);
    // Forecast and baseline for the total, on premises and AWS.
    expect(await chart.locator('path[class^="forecast-"]').count()).toBe(3);
    expect(await chart.locator('path[class^="baseline-"]').count()).toBe(3);
    expect(await page.locator('#run-cost .sensitivity li').count()).toBeGreaterThan(0);
  });
});
