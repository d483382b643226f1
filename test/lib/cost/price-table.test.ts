import { readFileSync } from 'node:fs';
import { validatePriceTableText } from '../../../lib/cost/price-table';
import { lineOf } from '../../helpers/landing-zone';
import { committedPrices, PRICES_FILE } from './fixtures';

const text = readFileSync(PRICES_FILE, 'utf8');

describe('the committed price table', () => {
  it('is valid, for eu-west-2, 730 hours a month', () => {
    const result = validatePriceTableText(PRICES_FILE, text);
    expect(result.diagnostics).toEqual([]);
    expect(result.table?.region).toBe('eu-west-2');
    expect(result.table?.hoursPerMonth).toBe(730);
  });

  it('names a source and date for every price and the exchange rate', () => {
    const table = committedPrices();
    for (const entry of [...table.prices, table.exchangeRate]) {
      expect(entry.source.length).toBeGreaterThan(5);
      expect(entry.date).toMatch(/^\d{4}-\d{2}/);
    }
  });

  it('marks exactly the figures the brief calls commonly quoted as unconfirmed', () => {
    const table = committedPrices();
    // EC2 and EBS prices for migrated servers could not be confirmed against the price list either.
    const compute = (p: { usage: string }) => ['ec2-instance-hours', 'ebs-gp3-gb-months'].includes(p.usage);
    // The security baseline's prices each name their own source (docs/security-baseline.md, Cost).
    const baseline = (p: { resource: string }) =>
      /^AWS::(CloudTrail|Config|GuardDuty|SecurityHub|S3)::/.test(p.resource);
    for (const p of table.prices.filter(baseline)) {
      expect({ id: p.id, says: p.confirmed || p.source.includes('not confirmed') }).toEqual({
        id: p.id,
        says: true,
      });
    }
    const unconfirmed = table.prices
      .filter((p) => !p.confirmed && !compute(p) && !baseline(p))
      .map((p) => p.id);
    expect(unconfirmed.sort()).toEqual([
      'site-to-site-vpn-hour',
      'transit-gateway-attachment-hour',
      'transit-gateway-data',
    ]);
    for (const p of table.prices.filter((price) => !baseline(price))) {
      expect(p.source).toBe(
        compute(p)
          ? 'Commonly quoted London on-demand rate; not confirmed against the AWS price list for eu-west-2'
          : p.confirmed
            ? 'AWS price list file, eu-west-2, September 2026'
            : 'Commonly quoted, not confirmed for London',
      );
      expect(compute(p) ? p.confirmed : undefined).not.toBe(true);
    }
    expect(table.exchangeRate.confirmed).toBe(false);
  });

  it('reports an unknown key at its line with a suggestion', () => {
    const bad = text.replace('    usd: 0.005\n', '    usdd: 0.005\n');
    const result = validatePriceTableText('bad.yaml', bad);
    expect(result.table).toBeUndefined();
    const unknown = result.diagnostics.find((d) => d.message.startsWith('unknown key "usdd"'));
    expect(unknown).toMatchObject({ file: 'bad.yaml', line: lineOf(bad, 'usdd:'), severity: 'error' });
    expect(unknown?.message).toContain('did you mean "usd"?');
  });

  it('reports a missing source, a bad date and a negative price, each located', () => {
    const bad = text
      .replace('  gbpPerUsd: 0.75\n', '  gbpPerUsd: -1\n')
      .replace(
        '    usd: 0.018\n    match: { engine: postgres, instanceClass: db.t4g.micro, multiAz: false }\n    source: AWS price list file, eu-west-2, September 2026\n    date: 2026-09\n',
        '    usd: 0.018\n    match: { engine: postgres, instanceClass: db.t4g.micro, multiAz: false }\n    date: September\n',
      );
    const result = validatePriceTableText('bad.yaml', bad);
    const paths = result.diagnostics.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['exchangeRate.gbpPerUsd', 'prices[4].source', 'prices[4].date']),
    );
    expect(result.diagnostics.find((d) => d.path === 'prices[4].date')?.line).toBe(
      lineOf(bad, 'date: September'),
    );
  });

  it('rejects a duplicate id and two prices for the same usage', () => {
    const bad = text.replace('  - id: nat-gateway-data\n', '  - id: nat-gateway-hour\n');
    const dup = validatePriceTableText('bad.yaml', bad).diagnostics;
    expect(dup.map((d) => d.message)).toContain('duplicate price id "nat-gateway-hour" (first at prices[0])');
    const twice = text.replace('    usage: nat-gateway-data-processed\n', '    usage: nat-gateway-hours\n');
    const same = validatePriceTableText('bad.yaml', twice).diagnostics;
    expect(same.map((d) => d.message)).toContain('prices the same usage as prices[0]; keep one');
  });

  it('rejects an RDS engine the landing zone does not build, naming the ones it does', () => {
    const bad = text.replace(
      'match: { engine: postgres, instanceClass: db.t4g.micro, multiAz: false }',
      'match: { engine: postgresql, instanceClass: db.t4g.micro, multiAz: false }',
    );
    const result = validatePriceTableText('bad.yaml', bad);
    expect(result.table).toBeUndefined();
    expect(result.diagnostics[0]?.path).toBe('prices[4].match.engine');
    expect(result.diagnostics[0]?.message).toMatch(
      /^unknown RDS engine "postgresql"; the landing zone builds .*sqlserver-se/,
    );
  });

  it('reports YAML syntax errors with their position', () => {
    const result = validatePriceTableText('bad.yaml', 'region: [eu-west-2\n');
    expect(result.table).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ file: 'bad.yaml', path: '(yaml)' });
  });
});
