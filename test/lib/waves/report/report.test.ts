import { parseCsv } from '../../../helpers/csv';
import {
  cmdbCsv,
  markdownSummary,
  mgnImportCsv,
  wavesCsv,
  workloadsCsv,
} from '../../../../lib/waves/report/exports';
import { renderDashboard } from '../../../../lib/waves/report/html';
import { buildReportModel } from '../../../../lib/waves/report/model';
import { examplePlan } from '../../../helpers/waves';

const AS_OF = '2026-11-23';

describe('manager reports', () => {
  const plan = examplePlan();
  const model = buildReportModel(plan, AS_OF);
  const all = plan.waves.flatMap((w) => w.workloads);

  it('totals come from the files: retained workloads are out of scope, done means cut over or later', () => {
    const scoped = all.filter((w) => w.strategy !== 'retain');
    const done = scoped.filter((w) => ['cutover', 'disconnected', 'complete'].includes(w.status));
    expect(model.totals.workloads).toBe(all.length);
    expect(model.totals.inScope).toBe(scoped.length);
    expect(model.totals.done).toBe(done.length);
    expect(model.totals.servers).toBe(scoped.reduce((n, w) => n + w.servers.length, 0));
    // No cost without the figures model: the reports never compute one of their own.
    expect(model.figures).toBeUndefined();
    expect(model.figuresMissing).toBe('no synthesised assembly was given');
  });

  it('RAG by the stated rules: complete waves, a blocked in-flight wave is red, a pending DPIA is amber', () => {
    expect(model.waves.map((w) => [w.wave.wave.id, w.rag])).toEqual([
      ['wave-01', 'complete'],
      ['wave-02', 'complete'],
      ['wave-03', 'complete'],
      ['wave-04', 'red'],
      ['wave-05', 'amber'],
      ['wave-06', 'amber'],
    ]);
    const wave04 = model.waves[3];
    expect(wave04?.reasons).toEqual(
      expect.arrayContaining([
        'housing-repairs is blocked',
        'Forecast end 2026-12-11 is 14 days after the baseline (2026-11-27)',
      ]),
    );
    expect(model.waves[4]?.reasons).toEqual(['DPIA not approved: revs-bens-portal (submitted)']);
    expect(model.rag).toBe('red');
  });

  it("a workload cutting over after its wave's dates moves the wave's forecast end and shows on the Gantt and burn-down", () => {
    const wave06 = model.waves[5];
    expect(wave06?.reasons).toEqual(
      expect.arrayContaining([
        "Cutover outside the wave's dates (2027-05-24 to 2027-06-25): electoral-registration on 2027-06-26",
      ]),
    );
    expect(wave06?.forecastEnd).toBe('2027-06-26');
    const html = renderDashboard(model, []);
    expect(html).toContain('class="cutover outside-wave" data-date="2027-06-26"');
    expect(html).toContain('class="late-cutover" data-workload="electoral-registration"');
    expect(model.burnDown.forecast.some((p) => p.date === '2027-06-26')).toBe(true);
  });

  it('a cutover window that has passed with workloads not cut over turns the wave red: missed cutover', () => {
    const after = buildReportModel(plan, '2026-12-02');
    const wave04 = after.waves[3];
    expect(wave04?.rag).toBe('red');
    expect(wave04?.reasons).toEqual(
      expect.arrayContaining([
        'Missed cutover: housing-nec (window ended 2026-11-28 22:00, testing), finance-unit4 (window ended 2026-11-28 22:00, ready-for-cutover), hr-itrent (window ended 2026-11-28 22:00, testing), housing-repairs (window ended 2026-11-28 22:00, blocked)',
      ]),
    );
    expect(renderDashboard(after, [])).toContain('class="cutover missed" data-date="2026-11-28"');
    // The day the window closes is not yet a miss.
    expect(buildReportModel(plan, '2026-11-28').waves[3]?.reasons.join(' ')).not.toMatch(/Missed cutover/);
  });

  it('the report date changes the RAG: before the cutover week wave-04 is not yet late', () => {
    const earlier = buildReportModel(plan, '2026-11-10');
    expect(earlier.waves[3]?.reasons.join(' ')).not.toMatch(/Cutover in/);
  });

  it('burn-down: baseline, forecast and actual start at the scope and actual stops at the report date', () => {
    const { baseline, forecast, actual } = model.burnDown;
    for (const series of [baseline, forecast, actual]) {
      expect(series[0]?.workloads).toBe(model.totals.inScope);
    }
    expect(baseline[baseline.length - 1]?.workloads).toBe(0);
    expect(forecast[forecast.length - 1]?.workloads).toBe(0);
    expect(actual[actual.length - 1]).toEqual({
      date: AS_OF,
      workloads: model.totals.inScope - model.totals.done,
      servers: model.totals.servers - model.totals.serversDone,
    });
  });

  it('CSV exports: one row per wave and per workload', () => {
    const waves = parseCsv(wavesCsv(model));
    expect(waves.map((w) => w['wave'])).toEqual(plan.waves.map((w) => w.wave.id));
    const workloads = parseCsv(workloadsCsv(model));
    expect(workloads).toHaveLength(all.length);
    expect(workloads.find((w) => w['workload'] === 'finance-unit4')).toMatchObject({
      wave: 'wave-04',
      business_owner: 'Chief Finance Officer',
      status: 'ready-for-cutover',
      cutover_start: '2026-11-28T08:00',
    });
  });

  it('MGN import file: the documented columns, one row per replicated server', () => {
    const rows = parseCsv(mgnImportCsv(plan));
    const header = mgnImportCsv(plan).split('\n')[0] ?? '';
    for (const column of [
      'mgn:account-id',
      'mgn:region',
      'mgn:wave:name',
      'mgn:app:name',
      'mgn:server:user-provided-id',
      'mgn:server:platform',
      'mgn:server:fqdn-for-action-framework',
      'mgn:launch:instance-type',
      'mgn:launch:tag:instance:backup-tier',
    ]) {
      expect(header.split(',')).toContain(column);
    }
    const finance = rows.filter((r) => r['mgn:app:name'] === 'finance-unit4');
    // The database server is not replicated: its database moves to RDS.
    expect(finance.map((r) => r['mgn:server:user-provided-id'])).toEqual(['kvfin-app01', 'kvfin-app02']);
    expect(finance[0]).toMatchObject({
      'mgn:account-id': '555555555555',
      'mgn:region': 'eu-west-2',
      'mgn:wave:name': 'wave-04',
      'mgn:server:platform': 'WINDOWS',
      'mgn:server:fqdn-for-action-framework': 'kvfin-app01.kvdc.local',
      // The tier chosen from configuration for RPO 15 in production (lib/backup/tier-choice.ts).
      'mgn:launch:tag:instance:backup-tier': 'silver',
    });
    // Oracle on EC2 moves with its server.
    expect(rows.map((r) => r['mgn:server:user-provided-id'])).toContain('kvhsg-ora01');
    // Nothing for repurchased, retired or retained workloads.
    const apps = new Set(rows.map((r) => r['mgn:app:name']));
    for (const id of ['payments-civica-pay', 'telephony-mitel', 'active-directory']) {
      expect(apps.has(id)).toBe(false);
    }
  });

  it('CMDB export: every workload, server and database', () => {
    const rows = parseCsv(cmdbCsv(model));
    const count = (type: string) => rows.filter((r) => r['record_type'] === type).length;
    expect(count('workload')).toBe(all.length);
    expect(count('server')).toBe(all.reduce((n, w) => n + w.servers.length, 0));
    expect(count('database')).toBe(all.reduce((n, w) => n + w.databases.length, 0));
    expect(rows.find((r) => r['key'] === 'kvfin-sql01')).toMatchObject({
      parent_cmdb_id: 'CI-001402',
      record_type: 'server',
    });
  });

  it('Markdown summary for a pull request and a self-contained dashboard, both deterministic', () => {
    const md = markdownSummary(model);
    expect(md).toMatch(/^## Kestrel Vale cloud migration: status 🔴 RED \(as of 2026-11-23\)/);
    expect(md).toContain('| wave-04 | Housing, finance and HR | in-progress |');
    const html = renderDashboard(model, ['a.yaml']);
    expect(html).toBe(renderDashboard(buildReportModel(plan, AS_OF), ['a.yaml']));
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
