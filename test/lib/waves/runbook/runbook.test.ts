import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWavesReport } from '../../../../lib/cli/waves-report-command';
import { runWavesRunbook } from '../../../../lib/cli/waves-runbook-command';
import { buildRunbook, nextWave } from '../../../../lib/waves/runbook/model';
import { parseRecord, readRecords } from '../../../../lib/waves/runbook/record';
import { windowInterval } from '../../../../lib/waves/time';
import { editExample, examplePlan, validateTexts, workloadIndex } from '../../../helpers/waves';

const MINUTE = 60_000;

function bookOf(texts = undefined as Parameters<typeof validateTexts>[0] | undefined, id = 'revs-bens-nec') {
  const plan = texts ? validateTexts(texts).plan : examplePlan();
  const resolved = plan?.byId.get(id);
  if (!plan || !resolved) {
    throw new Error('no plan');
  }
  const book = buildRunbook(plan, resolved);
  if (!book) {
    throw new Error('no runbook');
  }
  return book;
}

describe('cutover runbooks', () => {
  it('the next wave on a date is the first whose windows have not all closed', () => {
    const plan = examplePlan();
    expect(nextWave(plan, '2026-11-23')).toBe('wave-04');
    expect(nextWave(plan, '2026-12-02')).toBe('wave-05');
  });

  it('timings: the steps run back to back inside the window, the go/no-go leaves room for the rollback, both outages fit the RTO', () => {
    const book = bookOf();
    const window = windowInterval(book.workload.workload.cutoverWindow ?? book.workload.wave.cutoverWindow);
    if (!window) {
      throw new Error('no window');
    }
    expect(book.steps.map((s) => s.id)).toEqual([
      'pre-checks',
      'freeze',
      'final-sync',
      'launch',
      'switch',
      'smoke-tests',
      'go-no-go',
      'finalise',
    ]);
    expect(book.steps[0]?.start).toBe(window.start);
    book.steps.forEach((s, i) => {
      expect(s.end).toBeGreaterThan(s.start);
      if (i > 0) {
        expect(s.start).toBe(book.steps[i - 1]?.end);
      }
    });
    const last = book.steps[book.steps.length - 1];
    expect(last?.end).toBeLessThanOrEqual(window.end);
    const rollback = book.workload.workload.rollback?.rollbackMinutes ?? 0;
    expect(book.goNoGo.latest).toBe(window.end - rollback * MINUTE);
    expect(book.goNoGo.at).toBeLessThanOrEqual(book.goNoGo.latest);
    expect(book.rollback.endsAt).toBe(book.goNoGo.at + rollback * MINUTE);
    expect(book.outage.ifRollbackMinutes).toBeLessThanOrEqual(book.workload.workload.recovery.rtoMinutes);
    expect(book.outage.ifGoMinutes).toBeLessThanOrEqual(book.workload.workload.recovery.rtoMinutes);
    expect(book.steps.every((s) => s.cover === 'rota')).toBe(true);
    expect(book.findings).toEqual([]);
    expect(book.goNoGo.owner).toBe('Head of Revenues and Benefits');
  });

  it('a rollback that cannot end inside the window, or an outage beyond the RTO, is a finding', () => {
    const short = editExample('wave-05', (doc) => {
      const i = workloadIndex(doc, 'revs-bens-portal');
      doc.setIn(['workloads', i, 'cutoverWindow'], {
        start: '2027-01-30T08:00',
        end: '2027-01-30T12:00',
        timeZone: 'Europe/London',
      });
      doc.setIn(['workloads', i, 'rollback', 'rollbackMinutes'], 120);
    });
    expect(bookOf(short, 'revs-bens-portal').findings.map((f) => f.message)).toEqual([
      'the go/no-go decision at 11:00 is later than 10:00, the last moment a 120-minute rollback still ends inside the window (12:00)',
    ]);
    const tightRto = editExample('wave-05', (doc) => {
      const i = workloadIndex(doc, 'revs-bens-portal');
      doc.setIn(['workloads', i, 'recovery', 'rtoMinutes'], 200);
    });
    expect(bookOf(tightRto, 'revs-bens-portal').findings.map((f) => f.message)).toEqual([
      'a rollback after the go/no-go leaves users without the service for 210 minutes (freeze at 08:30 to 12:00), more than the RTO of 200',
    ]);
  });

  it('steps outside the rota are marked as covered by the extra cover the window declares', () => {
    const early = editExample('wave-06', (doc) => {
      doc.setIn(
        ['workloads', workloadIndex(doc, 'social-care-liquidlogic'), 'cutoverWindow', 'start'],
        '2027-06-12T06:00',
      );
    });
    const book = bookOf(early, 'social-care-liquidlogic');
    // 06:00 to 07:00 (pre-checks, freeze, final sync) is before the rota starts.
    expect(book.steps.map((s) => s.cover)).toEqual([
      'extra-cover',
      'extra-cover',
      'extra-cover',
      ...Array<string>(book.steps.length - 3).fill('rota'),
    ]);
    expect(book.roles['Extra cover arranged by']).toBe('Head of Digital and Customer Services');
    expect(book.findings).toEqual([]);
  });

  it('lz waves runbook writes both forms for every workload of the wave, keeps a filled record, and exits 1 when timings do not fit', () => {
    const out = mkdtempSync(join(tmpdir(), 'runbooks-'));
    try {
      const options = {
        config: 'config/landing-zone.yaml',
        waves: 'migration-waves',
        out,
        asOf: '2026-12-02',
      };
      const first = runWavesRunbook(options);
      expect(first.exitCode).toBe(0);
      expect(first.stdout).toMatch(/^wave-05: 4 runbook\(s\) in .*; every timing fits$/m);
      for (const id of ['revs-bens-nec', 'edrms', 'revs-bens-portal', 'revs-bens-uat']) {
        expect(readFileSync(join(out, 'wave-05', `${id}.html`), 'utf8')).toContain('<meta name="viewport"');
      }
      const md = join(out, 'wave-05', 'edrms.md');
      writeFileSync(md, readFileSync(md, 'utf8').replace('result: null', 'result: postponed'));
      const again = runWavesRunbook(options);
      expect(again.stdout).toContain('edrms: go/no-go');
      expect(again.stdout).toMatch(/edrms: .*\(record kept\)/);
      expect(readFileSync(md, 'utf8')).toContain('result: postponed');
      const wave04 = runWavesRunbook({ ...options, wave: 'wave-04' });
      expect(wave04.exitCode).toBe(1);
      expect(wave04.stdout).toContain(
        'finance-unit4: go/no-go 11:15 (latest 19:00), rollback 180 min, outage 180/345 min against RTO 240: a rollback after the go/no-go leaves users without the service for 345 minutes',
      );
      expect(wave04.stdout).toMatch(/already cut over: payments-civica-pay/);
      const unknown = runWavesRunbook({ ...options, wave: 'wave-09' });
      expect(unknown.exitCode).toBe(2);
      expect(unknown.stderr).toMatch(/unknown wave "wave-09"/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a record is checked with file, line and field, all at once', () => {
    const text = [
      '# Cutover runbook',
      '',
      '```yaml cutover-record',
      'workload: revs-bens-nec',
      'wave: wave-05',
      'steps:',
      '  freez: { started: 2027-01-30T08:30, finished: null, note: null }',
      'decision: { outcome: maybe, by: null, at: null }',
      'result: cutover',
      'finishedAt: 2027-01-30 12:00',
      'note: null',
      '```',
    ].join('\n');
    const { diagnostics } = parseRecord('runbooks/wave-05/revs-bens-nec.md', text);
    expect(diagnostics.map((d) => `${d.line} ${d.path}`)).toEqual([
      '7 steps.freez',
      '8 decision.outcome',
      '10 finishedAt',
    ]);
  });

  it('lz waves report reads the records back into the status history, up to the report date', () => {
    const runbooks = mkdtempSync(join(tmpdir(), 'runbooks-'));
    const out = mkdtempSync(join(tmpdir(), 'report-'));
    try {
      cpSync('runbooks', runbooks, { recursive: true });
      const plan = examplePlan();
      expect(readRecords(runbooks, plan).records.map((r) => r.record.workload)).toEqual(['finance-unit4']);
      const run = (asOf: string) =>
        runWavesReport({ config: 'config/landing-zone.yaml', waves: 'migration-waves', out, asOf, runbooks });
      expect(run('2026-11-23').stdout).toMatch(/17\/29 workloads/);
      expect(run('2026-12-02').stdout).toMatch(/18\/29 workloads/);
      const dashboard = readFileSync(join(out, 'dashboard.html'), 'utf8');
      expect(dashboard).toContain('data-recorded="finance-unit4"');
      expect(dashboard).toContain('wave file still says ready-for-cutover: update it');
      // A broken record stops the report with its location.
      const file = join(runbooks, 'wave-04', 'finance-unit4.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('wave: wave-04', 'wave: wave-05'));
      const broken = run('2026-12-02');
      expect(broken.exitCode).toBe(2);
      expect(broken.stderr).toMatch(
        /finance-unit4\.md:\d+:1 error wave: finance-unit4 is in wave-04, not wave-05/,
      );
    } finally {
      rmSync(runbooks, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
});
