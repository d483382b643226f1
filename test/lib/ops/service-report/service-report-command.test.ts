import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServiceReport, type ServiceReportOptions } from '../../../../lib/cli/ops-service-report-command';
import { monitoredEstate } from '../../../../lib/monitoring/monitored-estate';
import type { ServiceReport } from '../../../../lib/ops/service-report/model';
import {
  FIXTURE_MONTH,
  FIXTURE_NOW,
  fixtureSource,
  installFixture,
  type FixtureOptions,
} from '../../../../scripts/service-report/fixture';
import { exampleAssembly } from '../../../helpers/example-assembly';
import { exampleConfig } from '../../../helpers/landing-zone';
import { examplePlan } from '../../../helpers/waves';

/*
 * The command end to end against the fixture month: its own code and the real SDK clients, AWS
 * answered by aws-sdk-client-mock. The estimate comes from the run's shared example assembly.
 */

const estate = monitoredEstate(exampleConfig(), examplePlan());
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lz-service-report-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(fixture: FixtureOptions = {}, options: Partial<ServiceReportOptions> = {}) {
  const mocks = installFixture(estate, fixture);
  try {
    const output = await runServiceReport({
      config: 'config/landing-zone.yaml',
      waves: 'migration-waves',
      month: FIXTURE_MONTH,
      assembly: exampleAssembly().dir,
      prices: 'pricing',
      out: dir,
      json: true,
      aws: {},
      source: fixtureSource(),
      now: FIXTURE_NOW,
      ...options,
    });
    const report = output.stdout.startsWith('{') ? (JSON.parse(output.stdout) as ServiceReport) : undefined;
    return { output, report, calls: mocks.metricCalls() };
  } finally {
    mocks.restore();
  }
}

describe('lz ops service-report against the fixture month', () => {
  // One run shared by the tests that only read its results (each run takes seconds on CI machines).
  let standard: Awaited<ReturnType<typeof run>> & { dir: string; files: Record<string, string> };
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'lz-service-report-standard-'));
    const result = await run({}, { json: false, out });
    const read = (file: string): string => readFileSync(join(out, file), 'utf8');
    standard = {
      ...result,
      report: JSON.parse(read('service-report.json')) as ServiceReport,
      dir: out,
      files: Object.fromEntries(
        ['index.html', 'summary.md', 'csv/availability.csv', 'csv/network-sites.csv', 'csv/cost.csv'].map(
          (f) => [f, read(f)],
        ),
      ),
    };
    rmSync(out, { recursive: true, force: true });
  });

  it('reads everything, misses some targets (exit 1), and writes HTML, Markdown, JSON and CSV', () => {
    const { output, report, files } = standard;
    expect(output.stderr).toBe('');
    expect(output.exitCode).toBe(1);
    expect(report?.notRead).toEqual([]);
    expect(files['csv/availability.csv']?.split('\n')[0]).toBe(
      'service,service_area,account,criticality,target_percent,availability_percent,previous_percent,downtime_minutes',
    );
    expect(files['index.html']).toContain('<svg viewBox');
    expect(files['summary.md']).toContain('## Got worse since 2026-10');
  });

  it('prints the summary and where the files went', () => {
    const { output, dir: out } = standard;
    expect(output.stdout).toContain('# Service report: Kestrel Vale District Council, 2026-11');
    expect(output.stdout).toContain('## Targets missed');
    expect(output.stdout).toContain(`Wrote 12 files to ${out}: index.html, summary.md, service-report.json`);
  });

  it('every section has something to say', () => {
    const { report } = standard;
    if (!report) throw new Error('no report');
    const waste = report.availability.find((a) => a.service === 'waste-bartec');
    expect(waste?.current.read && waste.current.value).toBeCloseTo(99.44, 2);
    expect(report.findings.map((f) => `${f.section}:${f.subject}`)).toEqual(
      expect.arrayContaining([
        'availability:waste-bartec',
        'backups:kvdc-production',
        'backups:kvdc-land-charges-land-charges',
        'network:civic-centre-dc',
        'databases:kvdc-finance-unit4-unit4-erp',
        'databases:kvdc-edrms-information-at-work',
      ]),
    );
    const incidents = report.incidents.current.read ? report.incidents.current.value : [];
    expect(incidents.map((i) => i.subject)).toEqual(
      expect.arrayContaining(['waste-bartec', 'finance-unit4', 'egress', 'backup-kvdc-production']),
    );
    expect(incidents.every((i) => i.minutesToRecover !== undefined)).toBe(true);
    expect(
      report.backups.failedJobs.read && report.backups.failedJobs.value.map((j) => `${j.kind}:${j.state}`),
    ).toEqual(['backup:FAILED', 'backup:EXPIRED', 'copy:FAILED']);
    const civic = report.network.sites.find((s) => s.site === 'civic-centre-dc');
    expect(civic?.tunnels).toBe(4);
    expect(civic?.current.read && civic.current.value.p95Bps).toBeGreaterThan(1e9);
    expect(report.network.recommendations.map((r) => r.site)).toEqual(
      expect.arrayContaining(['civic-centre-dc', 'northgate-depot', 'central-library']),
    );
    expect(report.network.recommendations.some((r) => r.message.includes('unbalanced'))).toBe(true);
    expect(report.rdsEvents.read && report.rdsEvents.value.length).toBeGreaterThanOrEqual(2);
    expect(report.cost.total.estimate.read).toBe(true);
    expect(report.cost.total.actual.read).toBe(true);
    expect(report.cost.total.onPremises).toBeGreaterThan(0);
    expect(new Set(report.worse.map((w) => w.section))).toEqual(
      new Set(['availability', 'incidents', 'network', 'databases', 'cost']),
    );
  });

  it('batches GetMetricData: a handful of calls, never one per metric', () => {
    const { calls } = standard;
    const queries = calls.reduce((a, b) => a + b, 0);
    expect(queries).toBeGreaterThan(100);
    expect(calls.length).toBeLessThan(queries / 10);
    expect(Math.max(...calls)).toBeLessThanOrEqual(500);
  });

  it('gives the same figures when every API answers in small pages', async () => {
    const paged = await run({ pointsPerAnswer: 20_000, pageSize: 2 });
    expect(paged.calls.length).toBeGreaterThan(standard.calls.length);
    const figures = (r?: ServiceReport) => ({
      availability: r?.availability,
      incidents: r?.incidents,
      backups: r?.backups,
      network: r?.network,
      cost: r?.cost,
    });
    expect(figures(paged.report)).toEqual(figures(standard.report));
  });

  it('an unreadable account is NOT READ (exit 2), names account and action, and the others are still reported', async () => {
    const { output, report } = await run({
      deny: { accountId: '555555555555', actions: ['cloudwatch:GetMetricData', 'logs:FilterLogEvents'] },
    });
    expect(output.exitCode).toBe(2);
    const running = report?.availability.filter((a) => a.account === 'production' && !a.current.read) ?? [];
    expect(running.length).toBeGreaterThan(5);
    const reasons = report?.notRead.map((n) => n.reason) ?? [];
    expect(reasons).toContain(
      '[production eu-west-2] cloudwatch:GetMetricData: access denied (AccessDeniedException). The role needs the IAM action cloudwatch:GetMetricData; see docs/operations.md for the minimum policy.',
    );
    expect(
      reasons.some((r) => r.startsWith('[production eu-west-2] logs:FilterLogEvents: access denied')),
    ).toBe(true);
    expect(report?.incidents.current.read).toBe(false);
    // Non-production was read.
    expect(report?.availability.find((a) => a.service === 'intranet-staging')?.current.read).toBe(true);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<td class="not-read">NOT READ</td>');
    // One line per failed read in the summary, naming what it left unread.
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary.match(/cloudwatch:GetMetricData: access denied/g)?.length).toBeLessThanOrEqual(4);
  });

  it('a metric that does not exist (an agent that never reported) is NOT READ with what to check', async () => {
    const { output, report } = await run({ silentServers: ['kvwaste-app01'] });
    expect(output.exitCode).toBe(2);
    const waste = report?.availability.find((a) => a.service === 'waste-bartec');
    expect(waste?.current.read).toBe(false);
    expect(report?.notRead.find((n) => n.subject === 'waste-bartec')?.reason).toContain(
      'server kvwaste-app01: no mem_used_percent samples from its CloudWatch agent in 2026-11',
    );
  });

  it('without a current assembly the estimate is NOT READ, once, and the rest is still reported', async () => {
    const { output, report } = await run({}, { assembly: join(dir, 'missing.out') });
    expect(output.exitCode).toBe(2);
    expect(report?.notRead.map((n) => n.subject)).toEqual(['cost estimate (lz cost)']);
    expect(report?.cost.total.actual.read).toBe(true);
  });
});

describe('lz ops service-report: input it refuses (exit 2, before any call)', () => {
  it.each([
    [{ month: '2026-13' }, '--month: expected a month written YYYY-MM, got "2026-13"'],
    [
      { month: '2026-11', from: '2026-11-01', to: '2026-11-02' },
      'give either --month or --from and --to, not both',
    ],
    [{ month: undefined }, 'give the period: --month YYYY-MM, or --from YYYY-MM-DD and --to YYYY-MM-DD'],
    [{ month: '2026-12' }, 'the period 2026-12 has not ended yet'],
  ])('%j', async (options, message) => {
    const { output, calls } = await run({}, options);
    expect(output.exitCode).toBe(2);
    expect(output.stderr).toContain(message);
    expect(calls).toEqual([]);
  });

  it('several accounts without --assume-role', async () => {
    const { output } = await run({}, { source: undefined });
    expect(output.exitCode).toBe(2);
    expect(output.stderr).toContain(
      'the report reads 3 accounts (network, production, non-production) but the default credentials reach one: read them all with --assume-role <role-name>',
    );
  });
});
