import { serverCharges } from '../../../lib/cost/estimate';
import { compareWaves } from '../../../lib/cost/savings';
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
    const charges = serverCharges(server(), prices);
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

  it('a server too large for the ladder or of an unpriced type is listed as not priced, never zero', () => {
    const e = estimate([], prices, {
      servers: [
        server({ vcpus: 64, memoryGiB: 512 }),
        server({ hostname: 'b', targetInstanceType: 'x2idn.metal' }),
      ],
    });
    expect(e.notPriced.map((n) => n.reason)).toEqual([
      'no instance type in the size ladder fits 64 vCPU / 512 GiB: set targetInstanceType',
      'no price in the table for EC2 windows x2idn.metal (targetInstanceType) instance hours',
    ]);
    expect(e.notPriced[0]).toMatchObject({
      stack: SERVERS_STACK,
      type: 'AWS::EC2::Instance',
      wave: 'wave-04',
    });
    // Only the two disks are priced.
    expect(e.lines.map((l) => l.usage)).toEqual(['ebs-gp3-gb-months', 'ebs-gp3-gb-months']);
  });

  it('prices every migrating server of the example plan into its wave and account', () => {
    const config = exampleConfig();
    const plan = loadWavePlan('migration-waves', config);
    const servers = migratingServers(plan);
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
    const e = estimate([], prices, { servers });
    expect(e.totalUsd).toBeCloseTo(expected.usd, 6);
    expect(e.notPriced).toEqual([]);
    const production = config.accounts.find((a) => a.name === 'production')?.id;
    expect(e.byAccount.map((a) => a.key)).toContain(production);
    // Each wave's before-and-after now carries its servers.
    const waves = plan.waves.map((w) => ({
      id: w.wave.id,
      name: w.wave.name,
      workloads: w.workloads.map((wl) => ({
        id: wl.id,
        name: wl.name,
        strategy: wl.strategy,
        currentMonthlyGbp: wl.cost.currentMonthlyGbp,
        status: wl.status,
      })),
    }));
    for (const c of compareWaves(e, waves, '2026-11-23')) {
      const own = servers.filter((s) => s.wave === c.wave).length;
      expect(c.awsMonthlyGbp > 0).toBe(own > 0);
    }
  });
});
