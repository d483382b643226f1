import { FREE_TYPES, NO_WAVE, SHARED } from '../../../lib/cost/estimate';
import { estimateCost } from '../../../lib/cost/estimate';
import { defaultAssumptions, validateUsageAssumptionsText } from '../../../lib/cost/usage-assumptions';
import { committedBook, committedPrices, estimate, stack, tagged } from './fixtures';

const prices = committedPrices();

function only(resources: Parameters<typeof stack>[1]) {
  return estimate([stack('S', resources)], prices);
}

describe('pricing rules (730 hours a month, committed eu-west-2 prices, default usage assumptions)', () => {
  it('NAT gateway: $0.05 an hour, plus its data at the assumed 200 GB a month, each naming its source', () => {
    const e = only({ Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} } });
    expect(e.lines.map((l) => [l.priceId, l.monthlyQuantity, l.source, l.date, l.confirmed])).toEqual([
      ['nat-gateway-hour', 730, 'AWS price list file, eu-west-2, September 2026', '2026-09', true],
      ['nat-gateway-data', 200, 'AWS price list file, eu-west-2, September 2026', '2026-09', true],
    ]);
    // The per-use line says which assumption its quantity is, and where the value came from.
    expect(e.lines[1]?.assumption).toEqual({
      key: 'network.natGatewayGbPerMonth',
      text: '200 GB a month per NAT gateway (network.natGatewayGbPerMonth, default)',
    });
    expect(e.totalUsd).toBeCloseTo(36.5 + 10, 10);
    expect(e.assumedUsd).toBeCloseTo(10, 10);
  });

  it('an assumption from the file changes the quantity and says so', () => {
    const read = validateUsageAssumptionsText('u.yaml', 'network:\n  natGatewayGbPerMonth: 1000\n');
    const assumptions = read.assumptions ?? defaultAssumptions();
    const e = estimate(
      [stack('S', { Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} } })],
      prices,
      {},
      assumptions,
    );
    expect(e.lines[1]).toMatchObject({ monthlyQuantity: 1000, monthlyUsd: 50 });
    expect(e.lines[1]?.assumption?.text).toContain('(network.natGatewayGbPerMonth, u.yaml)');
  });

  it('an unknown assumption key is an error at its line', () => {
    const read = validateUsageAssumptionsText('u.yaml', 'network:\n  natGbPerMonth: 1000\n');
    expect(read.assumptions).toBeUndefined();
    expect(read.diagnostics[0]).toMatchObject({ file: 'u.yaml', line: 2, severity: 'error' });
    expect(read.diagnostics[0]?.message).toContain('unknown key "natGbPerMonth"');
  });

  it('Transit Gateway VPC attachment: hours and assumed data, marked unconfirmed and counted as such', () => {
    const e = only({ Att: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: {} } });
    expect(e.lines[0]).toMatchObject({ priceId: 'transit-gateway-attachment-hour', confirmed: false });
    expect(e.lines[0]?.unconfirmedBecause).toContain('commonly quoted');
    expect(e.unconfirmedUsd).toBeCloseTo(e.totalUsd, 10);
  });

  it('RDS PostgreSQL db.r6g.large Multi-AZ with 100 GB gp2: 730 x 0.529 + 100 x 0.266 (both confirmed)', () => {
    const e = only({
      Db: {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          Engine: 'postgres',
          DBInstanceClass: 'db.r6g.large',
          MultiAZ: true,
          AllocatedStorage: '100',
          StorageType: 'gp2',
        },
      },
    });
    expect(e.lines.map((l) => [l.priceId, l.monthlyQuantity, l.confirmed])).toEqual([
      ['rds-postgres-db-r6g-large-multi-az', 730, true],
      ['rds-gp2-storage-multi-az', 100, true],
    ]);
    expect(e.totalUsd).toBeCloseTo(730 * 0.529 + 100 * 0.266, 10);
    expect(e.notPriced).toEqual([]);
  });

  it('RDS SQL Server Enterprise Multi-AZ, licence included, gp3 with extra IOPS: priced by edition, licence, class and storage', () => {
    const e = only({
      Db: {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          Engine: 'sqlserver-ee',
          LicenseModel: 'license-included',
          DBInstanceClass: 'db.m6i.xlarge',
          MultiAZ: true,
          AllocatedStorage: '500',
          StorageType: 'gp3',
          Iops: 15000,
        },
      },
    });
    expect(e.notPriced).toEqual([]);
    expect(e.lines.map((l) => [l.usage, l.monthlyQuantity])).toEqual([
      ['rds-instance-hours', 730],
      ['rds-storage-gb-months', 500],
      // 500 GB of gp3 includes 12,000 IOPS; the other 3,000 are charged on both copies.
      ['rds-iops-months', 6000],
    ]);
    expect(e.lines[0]?.priceId).toBe('rds-sqlserver-ee-db-m6i-xlarge-multi-az');
    const byol = only({
      Db: {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          Engine: 'sqlserver-ee',
          LicenseModel: 'bring-your-own-license',
          DBInstanceClass: 'db.m6i.xlarge',
          MultiAZ: true,
          AllocatedStorage: 500,
          StorageType: 'gp3',
        },
      },
    });
    // Bring your own licence: a different (lower) rate, never the licence-included one.
    expect(byol.lines[0]?.priceId).not.toBe(e.lines[0]?.priceId);
    expect(byol.lines[0]?.usdPerUnit ?? Infinity).toBeLessThan(e.lines[0]?.usdPerUnit ?? 0);
  });

  it('RDS with a parameter instead of a literal class is listed as not priced, never as zero', () => {
    const e = only({
      Db: {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          Engine: 'postgres',
          DBInstanceClass: { Ref: 'Class' },
          AllocatedStorage: 20,
          StorageType: 'gp2',
        },
      },
    });
    expect(e.notPriced.map((n) => n.reason)).toEqual([
      'RDS instance whose engine, class or Multi-AZ setting is not a literal',
    ]);
    expect(e.incomplete).toBe(true);
    expect(e.totalUsd).toBeCloseTo(20 * 0.133, 10);
  });

  it('unknown types are listed as not priced with a reason; free types go to the free list', () => {
    const e = only({
      X: { Type: 'AWS::Made::Up', Properties: {} },
      Vpc: { Type: 'AWS::EC2::VPC', Properties: {} },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
    });
    expect(e.totalUsd).toBe(0);
    expect(e.notPriced.map((n) => [n.type, n.reason])).toEqual([
      ['AWS::Made::Up', 'no pricing rule for this resource type'],
    ]);
    expect(e.free.map((f) => f.type)).toEqual(['AWS::EC2::VPC', 'AWS::IAM::Role']);
    expect(FREE_TYPES['AWS::EC2::Subnet']).toBeDefined();
  });

  it('a stack in the DR region is priced from that region’s table; a region with no table is not priced', () => {
    const nat = { Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} } };
    const book = committedBook();
    const e = estimateCost([stack('Dr', nat, '1', 'eu-west-1')], book, defaultAssumptions(), {
      homeRegion: 'eu-west-2',
    });
    expect(e.notPriced).toEqual([]);
    expect(e.lines[0]?.region).toBe('eu-west-1');
    expect(e.regions).toEqual(['eu-west-2', 'eu-west-1']);
    const far = estimate([stack('Far', nat, '1', 'us-east-1')], prices);
    expect(far.notPriced[0]?.reason).toBe('deploys to us-east-1, which has no price table');
  });
});

describe('roll-ups', () => {
  const e = estimate(
    [
      stack('Hub', { Eip: { Type: 'AWS::EC2::EIP', Properties: {} } }, '111'),
      stack(
        'Work',
        {
          Eip1: { Type: 'AWS::EC2::EIP', Properties: tagged({ wave: 'wave-01', workload: 'a' }) },
          Eip2: { Type: 'AWS::EC2::EIP', Properties: tagged({ workload: 'b' }) },
          Eip3: { Type: 'AWS::EC2::EIP', Properties: tagged({ workload: 'orphan' }) },
          Eip4: { Type: 'AWS::EC2::EIP', Properties: tagged({ wave: 'landing-zone' }) },
          X: { Type: 'AWS::Made::Up', Properties: tagged({ wave: 'wave-01', workload: 'a' }) },
        },
        '222',
      ),
    ],
    prices,
    {
      workloadWaves: new Map([
        ['a', 'wave-01'],
        ['b', 'wave-02'],
      ]),
    },
  );

  it('per stack and per account, with not-priced counts', () => {
    expect(e.byStack.map((r) => [r.key, Number(r.monthlyUsd.toFixed(2)), r.notPriced])).toEqual([
      ['Hub', 3.65, 0],
      ['Work', 14.6, 1],
    ]);
    expect(e.byAccount.map((r) => [r.key, Number(r.monthlyUsd.toFixed(2))])).toEqual([
      ['111', 3.65],
      ['222', 14.6],
    ]);
  });

  it('per wave: by wave tag, else the workload tag through the wave files; the landing zone is one shared row', () => {
    expect(e.byWave.map((r) => [r.key, Number(r.monthlyUsd.toFixed(2))])).toEqual([
      [SHARED, 7.3],
      ['wave-01', 3.65],
      ['wave-02', 3.65],
      [NO_WAVE, 3.65],
    ]);
  });

  it('stacks, accounts and waves each add up to the total, in USD and GBP', () => {
    const sum = (list: readonly { monthlyUsd: number }[]) => list.reduce((s, r) => s + r.monthlyUsd, 0);
    for (const list of [e.byStack, e.byAccount, e.byWave]) {
      expect(sum(list)).toBeCloseTo(e.totalUsd, 9);
    }
    expect(e.totalGbp).toBeCloseTo(e.totalUsd * prices.exchangeRate.gbpPerUsd, 9);
  });
});
