import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runWavesReport } from '../../../../lib/cli/waves-report-command';
import { launchChromium, offline } from '../../../helpers/chromium';
import {
  axeViolations,
  computedStyles,
  emulatePrint,
  emulateScreen,
  layoutProblems,
  PRINT_WIDTH,
  REPORT_WIDTHS,
  tableProblems,
} from '../../../helpers/page-checks';
import { examplePlan } from '../../../helpers/waves';
import { exampleAssembly } from '../../../helpers/example-assembly';
import { buildCostReport } from '../../../../lib/cli/cost-command';
import { gbp } from '../../../../lib/figures/format';

/**
 * The dashboard as a manager sees it, in headless Chromium from the Debian package. A missing
 * browser fails this test on purpose: CI installs it with `apt-get install -y chromium`. One page,
 * opened once, is laid out at each width, printed and checked with axe in turn; each test puts it
 * back as it found it (desktop width, screen media, the chart's text folded).
 */

const DESKTOP = 1360;

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
    // A touch screen too, so a test can tap as a phone user would.
    const context = await browser.newContext({ viewport: { width: DESKTOP, height: 900 }, hasTouch: true });
    page = await context.newPage();
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

  // What a phone, a tablet and a desktop each show without scrolling the page sideways: every
  // headline card, the programme's RAG and each wave's (on a narrow screen the wave rows are cards).
  it.each(REPORT_WIDTHS)(
    'at %i px the page fits the screen with every headline and RAG on it',
    async (width) => {
      const keys = ['.kpi', '#programme-rag', '#wave-table .pill', '#wave-table-caption'];
      // Every table and chart that is not folded away: if it is wider than the screen it scrolls in this box.
      keys.push('.scroll:not(details .scroll)');
      expect(await layoutProblems(page, width, keys)).toEqual([]);
      const cards = width <= 900;
      expect(new Set(await computedStyles(page, '#wave-table tbody tr', 'display'))).toEqual(
        new Set([cards ? 'flex' : 'table-row']),
      );
      if (cards) {
        // The RAG comes straight under the wave's name, before its status and dates.
        const row = page.locator('#wave-table tr[data-wave="wave-04"]');
        const rag = await row.locator('.pill').boundingBox();
        const status = await row.locator('td[data-label="Status"]').boundingBox();
        expect(rag && status && rag.y < status.y).toBe(true);
      }
      await emulateScreen(page, DESKTOP);
    },
  );

  it('labels every table with a caption and scoped header cells', async () => {
    expect(await tableProblems(page)).toEqual([]);
  });

  it('has no serious or critical axe violation, on a desktop and on a phone with the chart text open', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 900 });
    await page.evaluate(`document.querySelector('#timeline-text').open = true`);
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(`document.querySelector('#timeline-text').open = false`);
    await emulateScreen(page, DESKTOP);
  });

  it('shows in text, by keyboard and by touch, what the chart shows only on hover', async () => {
    const text = page.locator('#timeline-text');
    const blackouts = page.locator('#gantt .blackout');
    expect(await blackouts.count()).toBeGreaterThan(0);
    expect(await page.locator('#timeline-blackouts').isVisible()).toBe(false);
    // Keyboard: Tab reaches the summary (after the boxes that scroll), Enter opens it.
    let focused = false;
    for (let i = 0; i < 30 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate<boolean>(
        `document.activeElement === document.querySelector('#timeline-text summary')`,
      );
    }
    expect(focused).toBe(true);
    await page.keyboard.press('Enter');
    expect(await text.getAttribute('open')).toBe('');
    // Every blackout drawn has a row with the areas its tooltip names, and every cutover marker's
    // tooltip (day, workloads, why it is coloured) is in its wave's row.
    for (let i = 0; i < (await blackouts.count()); i++) {
      const id = String(await blackouts.nth(i).getAttribute('data-blackout'));
      const title = String(await blackouts.nth(i).locator('title').textContent());
      const row = page.locator(`#timeline-blackouts tr[data-timeline-blackout="${id}"]`);
      expect(await row.isVisible()).toBe(true);
      const areas = String(await row.locator('td').last().textContent());
      expect(title.endsWith(`(${areas})`)).toBe(true);
    }
    const rows = page.locator('#gantt .gantt-row');
    for (let r = 0; r < (await rows.count()); r++) {
      const wave = String(await rows.nth(r).getAttribute('data-wave'));
      const listed = String(
        await page.locator(`#timeline-waves tr[data-timeline-wave="${wave}"]`).textContent(),
      );
      const titles = await rows.nth(r).locator('.cutover title').allTextContents();
      expect(titles.length).toBeGreaterThan(0);
      for (const title of titles) {
        expect(listed).toContain(title.replace(/^Cutover /, ''));
      }
    }
    await page.keyboard.press('Enter');
    expect(await text.getAttribute('open')).toBeNull();
    // Touch: a tap on a phone opens it too.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.tap('#timeline-text summary');
    expect(await page.locator('#timeline-blackouts').isVisible()).toBe(true);
    await page.evaluate(`document.querySelector('#timeline-text').open = false`);
    await emulateScreen(page, DESKTOP);
  });

  it('prints on A4 with the cards whole, the folded text open and nothing cut off', async () => {
    await emulatePrint(page);
    expect(
      await layoutProblems(page, PRINT_WIDTH, ['.kpi', '#programme-rag', '#wave-table .pill', '#gantt']),
    ).toEqual([]);
    for (const selector of ['.kpi', '.chart', '#wave-table tbody tr']) {
      expect(new Set(await computedStyles(page, selector, 'break-inside'))).toEqual(new Set(['avoid']));
    }
    // On paper the waves are a table again, the boxes do not clip, the folded chart text is printed.
    expect(new Set(await computedStyles(page, '#wave-table tbody tr', 'display'))).toEqual(
      new Set(['table-row']),
    );
    expect(new Set(await computedStyles(page, '.scroll', 'overflow-x'))).toEqual(new Set(['visible']));
    expect(await page.locator('#timeline-blackouts').isVisible()).toBe(true);
    // No ink on the header's background; RAG still in words on every badge.
    expect(await computedStyles(page, 'header', 'background-color')).toEqual(['rgb(255, 255, 255)']);
    expect(await page.locator('#wave-table .pill').allTextContents()).not.toContain('');
    await emulateScreen(page, DESKTOP);
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
