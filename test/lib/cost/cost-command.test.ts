import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCost, type CostOptions } from '../../../lib/cli/cost-command';
import type { CostReport } from '../../../lib/cost/format';
import { SERVERS_STACK } from '../../../lib/cost/servers';
import { exampleServerUsd, PRICES_FILE, writeAssembly } from './fixtures';

describe('lz cost', () => {
  let dir: string;
  let options: CostOptions;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lz-cost-'));
    await writeAssembly(join(dir, 'cdk.out'));
    options = {
      assembly: join(dir, 'cdk.out'),
      waves: 'migration-waves',
      config: 'config/landing-zone.yaml',
      prices: PRICES_FILE,
      asOf: '2026-11-23',
      json: false,
      markdown: false,
    };
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints totals per account, stack and wave, with each price source', () => {
    const run = runCost(options);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    // The assembly's three priced lines ($43.80) plus an instance and a disk line per migrating server.
    const servers = exampleServerUsd();
    const total = 43.8 + servers.usd;
    expect(run.stdout).toContain(
      `Total: $${total.toFixed(2)} (£${(total * 0.75).toFixed(2)}) from ${3 + 2 * servers.servers} priced lines; 1 resource charges not priced.`,
    );
    expect(run.stdout).toContain('AWS price list file, eu-west-2, September 2026 (2026-09)');
    expect(run.stdout).toContain('AWS::MGN::Application');
  });

  it('--json: the full report, with the wave of a workload-tagged resource from the wave files', () => {
    const report = JSON.parse(runCost({ ...options, json: true }).stdout) as CostReport;
    const stacks = report.estimate.byStack.map((r) => [r.key, Number(r.monthlyUsd.toFixed(2))]);
    expect(stacks).toEqual([
      ['Hub', 40.15],
      ['Work', 3.65],
      [SERVERS_STACK, Number(exampleServerUsd().usd.toFixed(2))],
    ]);
    // The servers land in the production (555…) and non-production (666…) accounts.
    expect(report.estimate.byAccount.map((r) => r.key)).toEqual([
      '111111111111',
      '555555555555',
      '666666666666',
    ]);
    expect(report.estimate.notPriced[0]).toMatchObject({ workload: 'intranet-staging', wave: 'wave-01' });
    expect(report.waves[0]).toMatchObject({ wave: 'wave-01', awsNotPriced: 1, savingsAreUpperBounds: true });
    // Every wave's AWS side now includes its servers: no wave with migrating servers shows zero.
    for (const w of report.waves) {
      const serverUsd = report.estimate.lines
        .filter((l) => l.stack === SERVERS_STACK && l.wave === w.wave)
        .reduce((s, l) => s + l.monthlyUsd, 0);
      expect(serverUsd).toBeGreaterThan(0);
      expect(w.awsMonthlyGbp).toBeGreaterThanOrEqual(serverUsd * 0.75 - 1e-6);
    }
  });

  it('--markdown: tables for a pull-request comment', () => {
    const md = runCost({ ...options, markdown: true }).stdout;
    expect(md).toMatch(/^## Monthly cost estimate, eu-west-2/);
    expect(md).toContain('| account | USD / month | GBP / month | priced lines | not priced |');
  });

  it('exits 2 with located errors for a bad price table', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(PRICES_FILE, 'utf8').replace('hoursPerMonth: 730', 'hoursPerMonth: 720'));
    const run = runCost({ ...options, prices: bad });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${bad}:\\d+:\\d+ error hoursPerMonth: `));
  });

  it('refuses when there is no assembly', () => {
    expect(() => runCost({ ...options, assembly: join(dir, 'missing') })).toThrow(
      'Run `npm run synth` to synthesise it again',
    );
  });
});
