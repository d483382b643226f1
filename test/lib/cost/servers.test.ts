import { serverCharges } from '../../../lib/cost/estimate';
import { defaultAssumptions } from '../../../lib/cost/usage-assumptions';
import { backupCopiesOf } from '../../../lib/cli/cost-command';
import {
  instanceTypeFor,
  migratingServers,
  SERVERS_STACK,
  type ServerCostInput,
} from '../../../lib/cost/servers';
import { loadWavePlan } from '../../../lib/waves/load';
import { exampleConfig } from '../../helpers/landing-zone';
import { committedPrices, estimate, exampleServerUsd } from './fixtures';

const prices = committedPrices();

const server = (over: Partial<ServerCostInput> = {}): ServerCostInput => ({
  hostname: 'kv-app01',
  workload: 'housing-repairs',
  wave: 'wave-04',
  account: '555555555555',
  platform: 'windows',
  vcpus: 4,
  memoryGiB: 16,
  diskGiB: 200,
  ...over,
});

describe('EC2 compute for migrating servers', () => {
  it('uses targetInstanceType when the wave file gives one', () => {
    expect(instanceTypeFor({ vcpus: 2, memoryGiB: 4, targetInstanceType: 'r6i.2xlarge' })).toEqual({
      type: 'r6i.2xlarge',
      sizedFrom: 'wave file',
    });
  });

  it('otherwise sizes by vCPU and memory: the smallest type with enough of both', () => {
    expect(instanceTypeFor({ vcpus: 2, memoryGiB: 8 })?.type).toBe('m6i.large');
    expect(instanceTypeFor({ vcpus: 2, memoryGiB: 12 })?.type).toBe('r6i.large');
    expect(instanceTypeFor({ vcpus: 3, memoryGiB: 8 })?.type).toBe('m6i.xlarge');
    expect(instanceTypeFor({ vcpus: 8, memoryGiB: 64 })?.type).toBe('r6i.2xlarge');
    expect(instanceTypeFor({ vcpus: 32, memoryGiB: 64 })).toBeUndefined();
  });

  it('a Windows m6i.xlarge with 200 GB: 730 instance hours plus 200 GB-months of gp3, both sourced', () => {
    const charges = serverCharges(server(), { table: prices, assumptions: defaultAssumptions() }).slice(0, 2);
    const win = prices.prices.find((p) => p.id === 'ec2-m6i-xlarge-windows');
    const gp3 = prices.prices.find((p) => p.id === 'ebs-gp3-gb-month');
    expect(charges).toEqual([
      {
        usage: 'ec2-instance-hours',
        price: win,
        quantity: 730,
        description: 'EC2 windows m6i.xlarge (sized from 4 vCPU / 16 GiB)',
      },
      { usage: 'ebs-gp3-gb-months', price: gp3, quantity: 200, description: 'EBS gp3 200 GB' },
    ]);
    expect(win?.confirmed).toBe(false);
  });

  it('a Windows database server whose SQL Server moves with it, licence included, pays the SQL licence in its rate', () => {
    const plain = serverCharges(server({ tier: 'db' } as Partial<ServerCostInput>), {
      table: prices,
      assumptions: defaultAssumptions(),
    });
    const sql = serverCharges(server({ sqlLicence: 'standard' }), {
      table: prices,
      assumptions: defaultAssumptions(),
    });
    const rate = (c: typeof sql) => (c[0] && 'price' in c[0] ? c[0].price : undefined);
    expect(rate(sql)?.id).toBe('ec2-m6i-xlarge-windows-sql-standard');
    expect(rate(sql)?.unconfirmedBecause).toBeDefined();
    expect((rate(sql)?.usd ?? 0) - (rate(plain)?.usd ?? 0)).toBeCloseTo(4 * 0.12, 9);
    const plan = loadWavePlan('migration-waves', exampleConfig());
    const licensed = migratingServers(plan, '2026-11-23').filter((s) => s.sqlLicence !== undefined);
    // SharePoint's SQL Server Standard moves with its server (target ec2, licence-included); Oracle BYOL does not count.
    expect(licensed.map((s) => [s.hostname, s.sqlLicence])).toEqual([
      ['kvsp-stg-sql01', 'standard'],
      ['kvsp-sql01', 'standard'],
    ]);
  });

  it('a server too large for the ladder or of an unpriced type is listed as not priced, never zero', () => {
    const e = estimate([], prices, {
      servers: [
        server({ vcpus: 64, memoryGiB: 512 }),
        server({ hostname: 'b', targetInstanceType: 'x2idn.metal' }),
      ],
    });
    expect(e.notPriced.map((n) => n.reason)).toEqual([
      'no instance type in the size ladder fits 64 vCPU / 512 GiB: set targetInstanceType',
      'no price in the eu-west-2 table for EC2 windows x2idn.metal (targetInstanceType) instance hours',
    ]);
    expect(e.notPriced[0]).toMatchObject({
      stack: SERVERS_STACK,
      type: 'AWS::EC2::Instance',
      wave: 'wave-04',
    });
    // Only the two disks (and their agent metrics) are priced.
    expect(e.lines.filter((l) => l.usage !== 'cloudwatch-custom-metric-months').map((l) => l.usage)).toEqual([
      'ebs-gp3-gb-months',
      'ebs-gp3-gb-months',
    ]);
  });

  it('prices every migrating server of the example plan into its wave and account', () => {
    const config = exampleConfig();
    const plan = loadWavePlan('migration-waves', config);
    const servers = migratingServers(plan, '2026-11-23');
    const expected = exampleServerUsd();
    expect(servers).toHaveLength(expected.servers);
    // Retained, retired and repurchased workloads' servers do not run in AWS.
    const moving = new Set(
      plan.waves
        .flatMap((w) => w.workloads)
        .filter((w) => ['rehost', 'replatform', 'relocate'].includes(w.strategy))
        .map((w) => w.id),
    );
    expect(servers.every((s) => moving.has(s.workload))).toBe(true);
    const e = estimate([], prices, { servers, backupCopies: backupCopiesOf(config) });
    const compute = e.lines.filter((l) => ['ec2-instance-hours', 'ebs-gp3-gb-months'].includes(l.usage));
    expect(compute.reduce((n, l) => n + l.monthlyUsd, 0)).toBeCloseTo(expected.usd, 6);
    expect(e.notPriced).toEqual([]);
    const production = config.accounts.find((a) => a.name === 'production')?.id;
    expect(e.byAccount.map((a) => a.key)).toContain(production);
    // Every wave with migrating servers carries their cost.
    for (const w of plan.waves) {
      const own = servers.filter((s) => s.wave === w.wave.id).length;
      expect((e.byWave.find((r) => r.key === w.wave.id)?.monthlyUsd ?? 0) > 0).toBe(own > 0);
    }
  });
});
