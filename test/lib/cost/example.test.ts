import { readFileSync } from 'node:fs';
import { buildCostReport } from '../../../lib/cli/cost-command';
import { SHARED } from '../../../lib/cost/estimate';
import { formatCostMarkdown, formatCostText, headline } from '../../../lib/figures/format';
import { EXAMPLE_CONFIG_FILE, EXAMPLE_WAVES_DIR, exampleAssembly } from '../../helpers/example-assembly';

/*
 * The example council priced as `lz cost` prices it: the synthesised assembly, both regions' price
 * tables, the committed usage assumptions and the servers MGN launches. The acceptance: nothing the
 * templates deploy is left unpriced, and every RDS instance has its own rate.
 */

describe('the cost estimate of the example landing zone', () => {
  const assembly = exampleAssembly();
  const built = buildCostReport({
    assembly,
    waves: EXAMPLE_WAVES_DIR,
    config: EXAMPLE_CONFIG_FILE,
    prices: 'pricing',
    usage: 'pricing/usage-assumptions.yaml',
    asOf: '2026-11-23',
  });
  if ('error' in built) {
    throw new Error(built.error);
  }
  const report = built.report;
  const estimate = report.estimate;
  const resources = assembly.stacks.flatMap((s) =>
    Object.entries((s.template as { Resources?: Record<string, { Type: string }> }).Resources ?? {}).map(
      ([id, r]) => ({ stack: s.stackId, id, type: r.Type }),
    ),
  );

  it('prices every deployed resource type: zero not priced', () => {
    expect(estimate.notPriced).toEqual([]);
    expect(estimate.incomplete).toBe(false);
  });

  it('prices every RDS instance with an instance rate and a storage rate of its own', () => {
    const dbs = resources.filter((r) => r.type === 'AWS::RDS::DBInstance');
    expect(dbs.length).toBeGreaterThan(5);
    for (const db of dbs) {
      const usages = estimate.lines
        .filter((l) => l.stack === db.stack && l.logicalId === db.id)
        .map((l) => l.usage);
      const missing = (['rds-instance-hours', 'rds-storage-gb-months'] as const).filter(
        (u) => !usages.includes(u),
      );
      expect({ db: db.id, missing }).toEqual({ db: db.id, missing: [] });
    }
  });

  it('accounts for every resource exactly once: priced, free or not priced', () => {
    const priced = new Set(
      estimate.lines
        .filter((l) => l.stack !== 'servers launched by Application Migration Service')
        .map((l) => `${l.stack}/${l.logicalId}`),
    );
    const free = estimate.free.reduce((n, f) => n + f.count, 0);
    expect(priced.size + free).toBe(resources.length);
  });

  it('stacks, accounts and waves each add up to the total; the landing zone is one row', () => {
    const sum = (list: readonly { monthlyUsd: number }[]) => list.reduce((s, r) => s + r.monthlyUsd, 0);
    for (const list of [estimate.byStack, estimate.byAccount, estimate.byWave, estimate.lines]) {
      expect(sum(list)).toBeCloseTo(estimate.totalUsd, 6);
    }
    expect(estimate.byWave.filter((r) => r.key === SHARED || r.key === 'landing-zone')).toHaveLength(1);
    expect(estimate.unconfirmedUsd).toBeLessThanOrEqual(estimate.totalUsd);
  });

  it('summary first; every line with its source only with --detail', () => {
    const text = formatCostText(report);
    expect(text.split('\n')[1]).toMatch(
      /^AWS total: \$[\d,.]+ \(£[\d,.]+\) a month, every deployed charge priced\.$/,
    );
    expect(text).not.toContain('Priced lines');
    const detail = formatCostText(report, true);
    expect(detail).toContain('Priced lines');
    expect(detail).toContain('AWS price list file, eu-west-2, September 2026 (2026-09)');
    expect(detail).toContain('[unconfirmed]');
    expect(formatCostMarkdown(report)).toContain('### What moves the total most (sensitivity)');
  });

  it('docs/cost.md shows the current example total', () => {
    const doc = readFileSync('docs/cost.md', 'utf8');
    expect(doc).toContain(headline(report)[1]);
  });
});
