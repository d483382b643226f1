import { readFileSync } from 'node:fs';
import { validatePriceTableText } from '../../../lib/cost/price-table';
import { findPrice } from '../../../lib/cost/rules';
import { dmsInstanceClass } from '../../../lib/waves/dms-plan';
import { lineOf } from '../../helpers/landing-zone';
import { committedBook, committedPrices, PRICES_FILE } from './fixtures';

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

  it('confirms only the figures read from the price list (the brief); every other price says why not', () => {
    const table = committedPrices();
    const confirmed = table.prices.filter((p) => p.confirmed).map((p) => p.id);
    expect(confirmed.sort()).toEqual(
      [
        'nat-gateway-hour',
        'nat-gateway-data',
        'public-ipv4-hour',
        'ebs-snapshot-gb-month',
        'rds-postgres-db-t4g-micro',
        'rds-postgres-db-t4g-micro-multi-az',
        'rds-postgres-db-r6g-large',
        'rds-postgres-db-r6g-large-multi-az',
        'rds-mysql-db-r6g-large',
        'rds-mysql-db-r6g-large-multi-az',
        'rds-gp2-storage',
        'rds-gp2-storage-multi-az',
        'cloudtrail-trail-first-copy',
      ].sort(),
    );
    for (const p of table.prices.filter((x) => !x.confirmed)) {
      expect({ id: p.id, because: (p.unconfirmedBecause ?? '').length > 10 }).toEqual({
        id: p.id,
        because: true,
      });
    }
    // The brief's "commonly quoted but not confirmed for London" figures stay unconfirmed.
    for (const id of ['site-to-site-vpn-hour', 'transit-gateway-attachment-hour', 'transit-gateway-data']) {
      expect(table.prices.find((p) => p.id === id)?.confirmed).toBe(false);
    }
    expect(table.exchangeRate.confirmed).toBe(false);
  });

  it('the book: London and the DR region, one exchange rate, every price sourced and dated', () => {
    const book = committedBook();
    expect([...book.keys()].sort()).toEqual(['eu-west-1', 'eu-west-2']);
    const rates = new Set([...book.values()].map((t) => t.exchangeRate.gbpPerUsd));
    expect(rates.size).toBe(1);
    for (const t of book.values()) {
      for (const p of t.prices) {
        expect(p.source.length).toBeGreaterThan(5);
        expect(p.date).toMatch(/^\d{4}-\d{2}/);
        expect(p.confirmed || p.unconfirmedBecause !== undefined).toBe(true);
      }
    }
  });

  it('an unconfirmed price without a reason is an error at its line', () => {
    const bad = text.replace(
      "    confirmed: false\n    unconfirmedBecause: 'the product brief lists it as commonly quoted but not confirmed for London'\n",
      '    confirmed: false\n',
    );
    const result = validatePriceTableText('bad.yaml', bad);
    expect(result.table).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({
      file: 'bad.yaml',
      message: 'an unconfirmed price must say why it could not be confirmed',
    });
    expect(result.diagnostics[0]?.path).toMatch(/^prices\[\d+\]\.unconfirmedBecause$/);
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
        "    usd: 0.018\n    match: { engine: postgres, instanceClass: db.t4g.micro, multiAz: false }\n    source: 'AWS price list file, eu-west-2, September 2026'\n    date: 2026-09\n",
        '    usd: 0.018\n    match: { engine: postgres, instanceClass: db.t4g.micro, multiAz: false }\n    date: September\n',
      );
    const result = validatePriceTableText('bad.yaml', bad);
    const paths = result.diagnostics.map((d) => d.path);
    const at = `prices[${committedPrices().prices.findIndex((p) => p.id === 'rds-postgres-db-t4g-micro')}]`;
    expect(paths).toEqual(expect.arrayContaining(['exchangeRate.gbpPerUsd', `${at}.source`, `${at}.date`]));
    expect(result.diagnostics.find((d) => d.path === `${at}.date`)?.line).toBe(
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
    const at = committedPrices().prices.findIndex((p) => p.id === 'rds-postgres-db-t4g-micro');
    expect(result.diagnostics[0]?.path).toBe(`prices[${at}].match.engine`);
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

describe('the committed tables price everything the plan can size', () => {
  // The DMS plan picks a replication instance class from the data it moves; a class it can choose
  // that a table does not price would leave a wave's estimate incomplete the day it grows.
  it('every DMS replication instance class the plan can choose, single-AZ and Multi-AZ, in every region', () => {
    const classes = new Set<string>();
    for (const gib of [10, 100, 400, 1500, 6000, 50_000]) {
      for (const tasks of [1, 3, 6, 12, 40]) {
        for (const production of [false, true]) {
          classes.add(dmsInstanceClass(gib, tasks, production));
        }
      }
    }
    expect([...classes].sort()).toEqual(
      expect.arrayContaining([
        'dms.r5.2xlarge',
        'dms.r5.4xlarge',
        'dms.r5.large',
        'dms.r5.xlarge',
        'dms.t3.medium',
      ]),
    );
    for (const [region, table] of committedBook()) {
      for (const instanceClass of classes) {
        for (const multiAz of [false, true]) {
          expect({
            region,
            instanceClass,
            multiAz,
            priced: findPrice(table, 'dms-instance-hours', { instanceClass, multiAz }) !== undefined,
          }).toEqual({ region, instanceClass, multiAz, priced: true });
        }
      }
    }
  });
});
