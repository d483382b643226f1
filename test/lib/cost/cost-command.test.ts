import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCost, type CostOptions } from '../../../lib/cli/cost-command';
import type { CostEstimate } from '../../../lib/cost/estimate';
import type { Figures } from '../../../lib/figures/model';
import { PRICES_FILE, writeAssembly } from './fixtures';

describe('lz cost', () => {
  let dir: string;
  let options: CostOptions;
  let complete: CostOptions;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lz-cost-'));
    await writeAssembly(join(dir, 'cdk.out'), { unpriced: true });
    await writeAssembly(join(dir, 'complete.out'));
    options = {
      assembly: join(dir, 'cdk.out'),
      waves: 'migration-waves',
      config: 'config/landing-zone.yaml',
      prices: 'pricing',
      usage: 'pricing/usage-assumptions.yaml',
      asOf: '2026-11-23',
      json: false,
      markdown: false,
    };
    complete = { ...options, assembly: join(dir, 'complete.out') };
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('everything priced: exit 0, totals first, one shared row, no line detail', () => {
    const run = runCost(complete);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'Monthly cost estimate, eu-west-2 + eu-west-1, 730 hours a month, as of 2026-11-23',
    );
    expect(lines[1]).toMatch(/^AWS total: \$[\d,.]+ \(£[\d,.]+\) a month, every deployed charge priced\.$/);
    expect(
      run.stdout.split('\n').filter((l) => l.includes('shared landing zone') && l.startsWith('│')),
    ).toHaveLength(1);
    expect(run.stdout).not.toContain('Priced lines');
    expect(run.stdout).toContain('lz cost --detail');
  });

  it('anything not priced: exit 1, INCOMPLETE on the first lines and on stderr, listed with --detail', () => {
    const run = runCost(options);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'INCOMPLETE: 1 deployed charge(s) not priced; the total is a lower bound (lz cost --detail lists them)\n',
    );
    expect(run.stdout.split('\n')[1]).toContain('INCOMPLETE: 1 deployed charge(s) not priced');
    const detail = runCost({ ...options, detail: true }).stdout;
    expect(detail).toMatch(/│ AWS::Made::Up +│ 1 +│ no pricing rule for this resource type/);
    expect(detail).toContain('AWS price list file, eu-west-2, September 2026 (2026-09)');
    expect(detail).toContain('network.natGatewayGbPerMonth');
  });

  it('--json: the estimate and the figures, the unpriced charge on its workload’s wave', () => {
    const report = JSON.parse(runCost({ ...options, json: true }).stdout) as {
      estimate: CostEstimate;
      figures: Omit<Figures, 'estimate'>;
    };
    expect(report.estimate.notPriced[0]).toMatchObject({ workload: 'intranet-staging', wave: 'wave-01' });
    expect(report.figures.waves[0]).toMatchObject({ id: 'wave-01', awsNotPriced: 1 });
    expect(report.figures.programme.awsNotPriced).toBe(1);
    expect(report.estimate.byAccount.map((r) => r.key)).toContain('111111111111');
  });

  it('--markdown: the same summary as tables for a pull-request comment', () => {
    const md = runCost({ ...complete, markdown: true }).stdout;
    expect(md).toMatch(/^## Monthly cost estimate, eu-west-2/);
    expect(md).toContain(
      '|  | on premises today | AWS + SaaS | after the move | planned saving | realised saving | not priced |',
    );
  });

  it('exits 2 with located errors for a bad price table or usage assumptions', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(PRICES_FILE, 'utf8').replace('hoursPerMonth: 730', 'hoursPerMonth: 720'));
    const run = runCost({ ...options, prices: bad });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${bad}:\\d+:\\d+ error hoursPerMonth: `));
    const usage = join(dir, 'usage.yaml');
    writeFileSync(usage, 'network:\n  natGatewayGbPerMonth: -1\n  nope: 2\n');
    const u = runCost({ ...options, usage });
    expect(u.exitCode).toBe(2);
    // Every error at once, each with its file, line and field.
    expect(u.stderr).toContain(`${usage}:2:`);
    expect(u.stderr).toContain(`${usage}:3:`);
  });

  it('refuses when there is no assembly', () => {
    expect(() => runCost({ ...options, assembly: join(dir, 'missing') })).toThrow(
      'Run `npm run synth` to synthesise it again',
    );
  });
});
