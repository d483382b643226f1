import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupCopiesOf, buildCostReport } from '../../../lib/cli/cost-command';
import { estimateCost } from '../../../lib/cost/estimate';
import { formatCostMarkdown, formatCostText, gbp, usd, type CostReport } from '../../../lib/figures/format';
import { migratingServers } from '../../../lib/cost/servers';
import { defaultAssumptions } from '../../../lib/cost/usage-assumptions';
import { buildFigures, type Figures } from '../../../lib/figures/model';
import { buildReviewModel } from '../../../lib/review/model';
import { reviewMarkdown } from '../../../lib/review/markdown';
import { renderReviewPage } from '../../../lib/review/html';
import type { MigrationPlan } from '../../../lib/waves/migration-plan';
import { loadWavePlan } from '../../../lib/waves/load';
import { markdownSummary, runCostCsv, wavesCsv, workloadsCsv } from '../../../lib/waves/report/exports';
import { renderDashboard } from '../../../lib/waves/report/html';
import { buildReportModel } from '../../../lib/waves/report/model';
import { validateWavesDir } from '../../../lib/waves/load';
import { generateWaves } from '../../../scripts/bench/generate-waves';
import { parseCsv } from '../../helpers/csv';
import { EXAMPLE_CONFIG_FILE, EXAMPLE_WAVES_DIR, exampleAssembly } from '../../helpers/example-assembly';
import { exampleConfig } from '../../helpers/landing-zone';
import { committedBook } from '../cost/fixtures';

/*
 * The acceptance test of "figures that agree": `lz cost`, the waves dashboard, the PR summary, the
 * CSV exports and the review pack all show the figures model's numbers, to the penny, for the example
 * and for a generated estate. Each output is read back as a reader would see it (the table row, the
 * CSV cell, the KPI), so a renderer that computed a figure of its own would fail here.
 */

const AS_OF = '2026-11-23';

/** The row of a text or Markdown table that starts with (or contains) a label. */
function rowOf(text: string, label: string): string {
  const row = text.split('\n').find((l) => /^[│|<]/.test(l) && l.includes(label));
  if (row === undefined) {
    throw new Error(`no row for ${label}`);
  }
  return row;
}

function expectAgreement(report: CostReport, plan: MigrationPlan): void {
  const f: Figures = report.figures;
  const text = formatCostText(report);
  const md = formatCostMarkdown(report);
  const model = buildReportModel(plan, AS_OF, [], [], { figures: f });
  const dashboard = renderDashboard(model, []);
  const summary = markdownSummary(model);
  const waves = parseCsv(wavesCsv(model));
  const workloads = parseCsv(workloadsCsv(model));
  const series = parseCsv(runCostCsv(model));

  for (const w of f.waves) {
    const cells = [w.onPremMonthlyGbp, w.afterMonthlyGbp, w.plannedSavingGbp, w.realisedSavingGbp].map(gbp);
    for (const out of [text, md]) {
      const row = rowOf(out, `${w.id} ${w.name}`);
      for (const c of cells) {
        expect(row).toContain(c);
      }
    }
    const csv = waves.find((r) => r['wave'] === w.id);
    expect(csv).toMatchObject({
      on_prem_monthly_gbp: w.onPremMonthlyGbp.toFixed(2),
      after_monthly_gbp: w.afterMonthlyGbp.toFixed(2),
      planned_saving_monthly_gbp: w.plannedSavingGbp.toFixed(2),
      realised_saving_monthly_gbp: w.realisedSavingGbp.toFixed(2),
    });
    const dashRow = new RegExp(`<tr data-wave="${w.id}"[\\s\\S]*?</tr>`).exec(dashboard)?.[0] ?? '';
    expect(dashRow).toContain(`data-cost-now="${w.runCostNowGbp.toFixed(2)}"`);
    expect(dashRow).toContain(`data-cost-after="${w.afterMonthlyGbp.toFixed(2)}"`);
  }
  for (const w of f.workloads) {
    expect(workloads.find((r) => r['workload'] === w.id)).toMatchObject({
      on_prem_monthly_gbp: w.onPremMonthlyGbp.toFixed(2),
      after_monthly_gbp: w.afterMonthlyGbp.toFixed(2),
      planned_saving_monthly_gbp: w.plannedSavingGbp.toFixed(2),
      realised_saving_monthly_gbp: w.realisedSavingGbp.toFixed(2),
    });
  }
  const p = f.programme;
  // The shared infrastructure is one row, wherever its resources are tagged.
  expect(text.split('\n').filter((l) => l.startsWith('│') && l.includes('shared landing zone'))).toHaveLength(
    1,
  );
  expect(rowOf(text, 'shared landing zone')).toContain(gbp(f.shared.awsMonthlyGbp));
  for (const out of [text, md]) {
    const row = rowOf(out, 'programme ');
    for (const c of [p.onPremMonthlyGbp, p.afterMonthlyGbp, p.plannedSavingGbp, p.realisedSavingGbp]) {
      expect(row).toContain(gbp(c));
    }
  }
  const sentence = `savings ${gbp(p.realisedSavingGbp)} a month realised of ${gbp(p.plannedSavingGbp)} planned`;
  expect(summary).toContain(sentence);
  expect(dashboard).toContain(`data-testid="savings">${gbp(p.realisedSavingGbp)}<`);
  expect(dashboard).toContain(`of ${gbp(p.plannedSavingGbp)} a month planned`);
  expect(dashboard).toContain(`data-testid="cost-now">${gbp(p.runCostNowGbp)}<`);
  expect(dashboard).toContain(`data-testid="cost-after">${gbp(p.afterMonthlyGbp)}<`);
  expect(text).toContain(
    `Run cost now ${gbp(p.runCostNowGbp)} a month; after the move ${gbp(p.afterMonthlyGbp)}`,
  );
  // The chart's numbers: the programme's forecast for the as-of month is the run cost now.
  const month = `${AS_OF.slice(0, 7)}-01`;
  const forecast = series.filter((r) => r['scope'] === 'programme' && r['line'] === 'forecast');
  expect(forecast.map((r) => r['total_gbp'])).toEqual(
    f.series.programme.forecast.map((x) => x.totalGbp.toFixed(2)),
  );
  if (forecast.some((r) => r['month'] === month)) {
    expect(forecast.find((r) => r['month'] === month)?.['total_gbp']).toBe(p.runCostNowGbp.toFixed(2));
  }
}

describe('figures that agree, to the penny', () => {
  it('the example: lz cost, the dashboard, the PR summary, the CSV and the review pack', () => {
    const assembly = exampleAssembly();
    const built = buildCostReport({
      assembly,
      waves: EXAMPLE_WAVES_DIR,
      config: EXAMPLE_CONFIG_FILE,
      prices: 'pricing',
      usage: 'pricing/usage-assumptions.yaml',
      asOf: AS_OF,
    });
    if ('error' in built) {
      throw new Error(built.error);
    }
    const plan = loadWavePlan(EXAMPLE_WAVES_DIR, exampleConfig());
    expectAgreement(built.report, plan);

    const review = buildReviewModel({
      assembly,
      config: exampleConfig(),
      baselines: 'baselines',
      allowList: [],
      cost: built.report,
      asOf: AS_OF,
    });
    const f = built.report.figures;
    const pack = reviewMarkdown(review);
    const html = renderReviewPage(review, []);
    for (const w of f.waves) {
      const row = rowOf(pack, `${w.id} ${w.name}`);
      const htmlRow = new RegExp(`<tr data-row="${w.id} [^"]*">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
      for (const c of [w.onPremMonthlyGbp, w.afterMonthlyGbp, w.plannedSavingGbp, w.realisedSavingGbp].map(
        gbp,
      )) {
        expect(row).toContain(c);
        expect(htmlRow).toContain(c);
      }
    }
    expect(html).toContain(`data-testid="cost-total">${usd(built.report.estimate.totalUsd)}`);
  });

  it('a generated 250-workload estate: the same agreement, every server priced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'figures-estate-'));
    try {
      generateWaves(dir, 250, 10);
      const result = validateWavesDir(dir, exampleConfig());
      const plan = result.plan;
      if (plan === undefined) {
        throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
      }
      const estimate = estimateCost([], committedBook(), defaultAssumptions(), {
        workloadWaves: new Map(plan.workloads.map(({ workload, wave }) => [workload.id, wave.id])),
        servers: migratingServers(plan, AS_OF),
        backupCopies: backupCopiesOf(exampleConfig()),
        homeRegion: 'eu-west-2',
      });
      expect(estimate.notPriced).toEqual([]);
      const figures = buildFigures(estimate, plan, AS_OF);
      expect(figures.waves).toHaveLength(10);
      expectAgreement({ asOf: AS_OF, estimate, figures }, plan);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
