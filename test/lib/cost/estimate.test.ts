import { estimateCost, FREE_TYPES, NO_WAVE, SHARED } from '../../../lib/cost/estimate';
import type { PriceTable } from '../../../lib/cost/price-table';
import { committedPrices, stack, tagged } from './fixtures';

const prices = committedPrices();

function only(resources: Parameters<typeof stack>[1], table: PriceTable = prices) {
  return estimateCost([stack('S', resources)], table);
}

describe('pricing rules (730 hours a month, committed eu-west-2 prices)', () => {
  it('NAT gateway: $0.05 an hour = $36.50 a month, naming its source and date', () => {
    const e = only({ Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} } });
    expect(e.lines).toHaveLength(1);
    expect(e.lines[0]).toMatchObject({
      logicalId: 'Nat',
      monthlyQuantity: 730,
      unit: 'hour',
      usdPerUnit: 0.05,
      priceId: 'nat-gateway-hour',
      source: 'AWS price list file, eu-west-2, September 2026',
      date: '2026-09',
      confirmed: true,
    });
    expect(e.totalUsd).toBeCloseTo(36.5, 10);
  });

  it('Elastic IP: public IPv4 $0.005 an hour = $3.65 a month', () => {
    expect(only({ Eip: { Type: 'AWS::EC2::EIP', Properties: {} } }).totalUsd).toBeCloseTo(3.65, 10);
  });

  it('Transit Gateway VPC attachment: $36.50 a month, marked unconfirmed', () => {
    const e = only({ Att: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: {} } });
    expect(e.totalUsd).toBeCloseTo(36.5, 10);
    expect(e.lines[0]).toMatchObject({
      confirmed: false,
      source: 'Commonly quoted, not confirmed for London',
    });
  });

  it('VPN connection on a Transit Gateway: the connection and its attachment, $73 a month', () => {
    const e = only({
      Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { TransitGatewayId: { Ref: 'Tgw' } } },
      Plain: { Type: 'AWS::EC2::VPNConnection', Properties: { VpnGatewayId: 'vgw-1' } },
    });
    expect(e.lines.map((l) => `${l.logicalId}:${l.usage}`)).toEqual([
      'Vpn:vpn-connection-hours',
      'Vpn:transit-gateway-attachment-hours',
      'Plain:vpn-connection-hours',
    ]);
    expect(e.totalUsd).toBeCloseTo(109.5, 10);
  });

  it('RDS PostgreSQL db.r6g.large Multi-AZ with 100 GB gp2: 730 x 0.529 + 100 x 0.266', () => {
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
    expect(e.lines.map((l) => [l.priceId, l.monthlyQuantity])).toEqual([
      ['rds-postgres-db-r6g-large-multi-az', 730],
      ['rds-gp2-storage-multi-az', 100],
    ]);
    expect(e.totalUsd).toBeCloseTo(730 * 0.529 + 100 * 0.266, 10);
    expect(e.notPriced).toEqual([]);
  });

  it('RDS MySQL single-AZ and PostgreSQL micro pick their own prices', () => {
    const db = (Engine: string, DBInstanceClass: string) => ({
      Type: 'AWS::RDS::DBInstance',
      Properties: { Engine, DBInstanceClass, AllocatedStorage: 20, StorageType: 'gp2' },
    });
    const e = only({ My: db('mysql', 'db.r6g.large'), Pg: db('postgres', 'db.t4g.micro') });
    expect(e.totalUsd).toBeCloseTo(730 * 0.251 + 730 * 0.018 + 2 * 20 * 0.133, 10);
  });

  it('RDS with an unpriced class or gp3 storage: each missing part is listed, not counted', () => {
    const e = only({
      Db: {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          Engine: 'sqlserver-se',
          DBInstanceClass: 'db.m6i.xlarge',
          MultiAZ: true,
          AllocatedStorage: '200',
          StorageType: 'gp3',
        },
      },
    });
    expect(e.lines).toEqual([]);
    expect(e.totalUsd).toBe(0);
    expect(e.notPriced.map((n) => n.reason)).toEqual([
      'no price in the table for RDS sqlserver-se db.m6i.xlarge Multi-AZ instance hours',
      'no price in the table for RDS gp3 storage 200 GB Multi-AZ',
    ]);
  });

  it('RDS with a parameter instead of a literal class is listed as not priced', () => {
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
    expect(e.totalUsd).toBeCloseTo(20 * 0.133, 10);
  });

  it('interface endpoints and KMS keys have no sourced price: listed as not priced', () => {
    const e = only({
      Ep: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: { VpcEndpointType: 'Interface', ServiceName: 'ssm', SubnetIds: ['a', 'b', 'c'] },
      },
      Key: { Type: 'AWS::KMS::Key', Properties: {} },
      S3: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway', ServiceName: 's3' } },
    });
    expect(e.lines).toEqual([]);
    expect(e.notPriced.map((n) => n.logicalId)).toEqual(['Ep', 'Key']);
    expect(e.free).toEqual([
      {
        type: 'AWS::EC2::VPCEndpoint (gateway endpoint)',
        count: 1,
        reason: 'gateway VPC endpoints have no charge',
      },
    ]);
  });

  it('interface endpoints per AZ and KMS keys are priced once the table has a sourced price', () => {
    const extra: PriceTable = {
      ...prices,
      prices: [
        ...prices.prices,
        {
          id: 'test-endpoint',
          resource: 'AWS::EC2::VPCEndpoint',
          usage: 'interface-endpoint-az-hours',
          unit: 'hour',
          usd: 0.01,
          source: 'test',
          date: '2026-09',
          confirmed: false,
        },
        {
          id: 'test-kms',
          resource: 'AWS::KMS::Key',
          usage: 'kms-key-months',
          unit: 'month',
          usd: 2,
          source: 'test',
          date: '2026-09',
          confirmed: false,
        },
      ],
    };
    const e = only(
      {
        Ep: {
          Type: 'AWS::EC2::VPCEndpoint',
          Properties: { VpcEndpointType: 'Interface', ServiceName: 'ssm', SubnetIds: ['a', 'b', 'c'] },
        },
        Key: { Type: 'AWS::KMS::Key', Properties: {} },
      },
      extra,
    );
    expect(e.lines.map((l) => [l.logicalId, l.monthlyQuantity])).toEqual([
      ['Ep', 3 * 730],
      ['Key', 1],
    ]);
    expect(e.totalUsd).toBeCloseTo(3 * 730 * 0.01 + 2, 10);
  });

  it('unknown types are listed as not priced with a reason; free types go to the free list', () => {
    const e = only({
      Vpc: { Type: 'AWS::EC2::VPC', Properties: {} },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
      Thing: { Type: 'AWS::Made::Up', Properties: {} },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
    });
    expect(e.totalUsd).toBe(0);
    expect(e.notPriced.map((n) => [n.type, n.reason])).toEqual([
      ['AWS::Made::Up', 'no pricing rule for this resource type'],
      ['AWS::Logs::LogGroup', 'charged per GB ingested and stored; usage is not known from the template'],
    ]);
    expect(e.free.map((f) => f.type)).toEqual(['AWS::EC2::SecurityGroup', 'AWS::EC2::VPC', 'AWS::IAM::Role']);
    expect(FREE_TYPES['AWS::EC2::Subnet']).toBeDefined();
  });

  it('a stack in another region is not priced with eu-west-2 prices', () => {
    const e = estimateCost(
      [stack('Dr', { Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} } }, '1', 'eu-west-1')],
      prices,
    );
    expect(e.lines).toEqual([]);
    expect(e.notPriced[0]?.reason).toBe('deploys to eu-west-1; the price table is for eu-west-2');
  });

  it('lists per-use prices (per GB) separately, never in a total', () => {
    expect(only({}).usageCharges.map((p) => p.usage)).toEqual([
      'nat-gateway-data-processed',
      'ebs-snapshot-storage',
      'transit-gateway-data-processed',
      'cloudtrail-data-events',
      'config-items',
      'config-rule-evaluations',
      'config-conformance-pack-evaluations',
      'guardduty-cloudtrail-events',
      'guardduty-flow-and-dns-logs',
      'guardduty-s3-data-events',
      'securityhub-checks',
      's3-standard-storage',
      's3-deep-archive-storage',
    ]);
  });
});

describe('roll-ups', () => {
  const e = estimateCost(
    [
      stack('Hub', { Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} } }, '111'),
      stack('Vpc', { Att: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: {} } }, '111'),
      stack(
        'Work',
        {
          Eip1: { Type: 'AWS::EC2::EIP', Properties: tagged({ wave: 'wave-01', workload: 'a' }) },
          Eip2: { Type: 'AWS::EC2::EIP', Properties: tagged({ workload: 'b' }) },
          Eip3: { Type: 'AWS::EC2::EIP', Properties: tagged({ workload: 'orphan' }) },
          App: { Type: 'AWS::MGN::Application', Properties: tagged({ wave: 'wave-01', workload: 'a' }) },
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
      ['Hub', 36.5, 0],
      ['Vpc', 36.5, 0],
      ['Work', 10.95, 1],
    ]);
    expect(e.byAccount.map((r) => [r.key, Number(r.monthlyUsd.toFixed(2))])).toEqual([
      ['111', 73],
      ['222', 10.95],
    ]);
  });

  it('per wave: by wave tag, else the workload tag through the wave files; the rest is shared', () => {
    expect(e.byWave.map((r) => [r.key, Number(r.monthlyUsd.toFixed(2))])).toEqual([
      [SHARED, 73],
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
    expect(e.byAccount[0]?.monthlyGbp).toBeCloseTo(73 * prices.exchangeRate.gbpPerUsd, 9);
  });
});

describe('the security baseline', () => {
  it('prices the organisation trail as the free first copy and lists its data events as a usage charge', () => {
    const e = estimateCost(
      [
        stack(
          'Management',
          { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsOrganizationTrail: true } } },
          '888',
        ),
      ],
      prices,
    );
    expect(e.lines).toEqual([
      expect.objectContaining({ usage: 'cloudtrail-trail-months', monthlyUsd: 0, confirmed: true }),
    ]);
    expect(e.notPriced.map((n) => n.reason)).toEqual([expect.stringContaining('cloudtrail-data-events')]);
  });

  it('names the usage price of every per-use detection service, never counting it as zero', () => {
    const e = estimateCost(
      [
        stack(
          'Security',
          {
            Recorder: { Type: 'AWS::Config::ConfigurationRecorder', Properties: {} },
            Detector: { Type: 'AWS::GuardDuty::Detector', Properties: {} },
            Hub: { Type: 'AWS::SecurityHub::Hub', Properties: {} },
            Archive: { Type: 'AWS::S3::Bucket', Properties: {} },
          },
          '777',
        ),
      ],
      prices,
    );
    expect(e.lines).toEqual([]);
    expect(e.notPriced.map((n) => n.reason)).toEqual([
      expect.stringContaining('config-items'),
      expect.stringContaining('guardduty-'),
      expect.stringContaining('securityhub-checks'),
      expect.stringContaining('s3-standard-storage'),
    ]);
  });
});
