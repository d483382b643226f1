import { SHARED, type CostStack } from '../../../lib/cost/estimate';
import { compareWaves } from '../../../lib/cost/savings';
import { formatCostMarkdown, formatCostText } from '../../../lib/cost/format';
import { exampleConfig, synthLandingZone } from '../../helpers/landing-zone';
import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { committedPrices, estimate } from './fixtures';
import { loadWavePlan } from '../../../lib/waves/load';
import { migratingServers } from '../../../lib/cost/servers';

describe('the cost estimate of the example landing zone', () => {
  const prices = committedPrices();
  const plan = loadWavePlan('migration-waves', exampleConfig());
  // With the plan, as `lz cost` sees cdk.out: the wave stacks hold the workloads' RDS databases.
  const { app, templates } = synthLandingZone(exampleConfig(), plan);
  const stacks: CostStack[] = templates.stacks.map((t) => {
    const construct = app.node
      .findAll()
      .find((c) => c instanceof Stack && c.stackName === t.stackName) as Stack;
    return {
      stackName: t.stackName,
      account: construct.account,
      region: construct.region,
      resources: t.resources,
    };
  });
  const workloadWaves = new Map(
    plan.waves.flatMap((w) => w.workloads.map((wl) => [wl.id, w.wave.id] as const)),
  );
  const estimate = estimate(stacks, prices, { workloadWaves });

  it('prices the NAT gateways, Elastic IPs, attachments and VPNs it synthesises', () => {
    const count = (usage: string) => estimate.lines.filter((l) => l.usage === usage).length;
    expect(count('nat-gateway-hours')).toBe(templates.ofType('AWS::EC2::NatGateway').length);
    expect(count('public-ipv4-hours')).toBe(templates.ofType('AWS::EC2::EIP').length);
    expect(count('vpn-connection-hours')).toBe(templates.ofType('AWS::EC2::VPNConnection').length);
    expect(count('transit-gateway-attachment-hours')).toBe(
      templates.ofType('AWS::EC2::TransitGatewayVpcAttachment').length +
        templates.ofType('AWS::EC2::VPNConnection').length,
    );
    expect(estimate.totalUsd).toBeGreaterThan(0);
  });

  it('stacks, accounts and waves each add up to the total', () => {
    const sum = (list: readonly { monthlyUsd: number }[]) => list.reduce((s, r) => s + r.monthlyUsd, 0);
    expect(sum(estimate.byStack)).toBeCloseTo(estimate.totalUsd, 6);
    expect(sum(estimate.byAccount)).toBeCloseTo(estimate.totalUsd, 6);
    expect(sum(estimate.byWave)).toBeCloseTo(estimate.totalUsd, 6);
    expect(sum(estimate.lines)).toBeCloseTo(estimate.totalUsd, 6);
    expect(estimate.byWave[0]?.key).toBe(SHARED);
  });

  it('accounts for every resource exactly once: priced, free or not priced', () => {
    const all = templates.stacks.reduce((n, s) => n + Object.keys(s.resources).length, 0);
    const priced = new Set(estimate.lines.map((l) => `${l.stack}/${l.logicalId}`));
    const unpriced = new Set(estimate.notPriced.map((n) => `${n.stack}/${n.logicalId}`));
    const free = estimate.free.reduce((n, f) => n + f.count, 0);
    const pricedOnly = [...priced].filter((k) => !unpriced.has(k)).length;
    expect(pricedOnly + unpriced.size + free).toBe(all);
  });

  it('lists what it cannot price, including interface endpoints, KMS keys and gp3 storage', () => {
    const types = new Set(estimate.notPriced.map((n) => n.type));
    for (const t of [
      'AWS::EC2::VPCEndpoint',
      'AWS::KMS::Key',
      'AWS::RDS::DBInstance',
      'AWS::Logs::LogGroup',
    ]) {
      expect(types.has(t)).toBe(true);
    }
  });

  it('compares every wave with its on-premises cost and formats as text and Markdown', () => {
    const waves = plan.waves.map((w) => ({
      id: w.wave.id,
      name: w.wave.name,
      workloads: w.workloads.map((wl) => ({
        id: wl.id,
        name: wl.name,
        strategy: wl.strategy,
        currentMonthlyGbp: wl.cost.currentMonthlyGbp,
        status: wl.status,
        decommissionDate: wl.decommissionDate,
      })),
    }));
    const comparison = compareWaves(estimate, waves, '2026-11-23');
    expect(comparison.map((c) => c.wave)).toEqual(plan.waves.map((w) => w.wave.id));
    for (const c of comparison) {
      const onPrem = (plan.waves.find((w) => w.wave.id === c.wave)?.workloads ?? []).reduce(
        (s, wl) => s + wl.cost.currentMonthlyGbp,
        0,
      );
      expect(c.onPremMonthlyGbp).toBe(onPrem);
    }
    const report = { asOf: '2026-11-23', estimate, waves: comparison };
    const text = formatCostText(report);
    expect(text).toContain('AWS price list file, eu-west-2, September 2026 (2026-09)');
    expect(text).toContain('Commonly quoted, not confirmed for London (2026-09) [unconfirmed]');
    const md = formatCostMarkdown(report);
    expect(md).toContain('### Before and after per wave');
    expect(md).toContain('### Not priced');
  });

  it('docs/cost.md shows the current example totals', () => {
    const doc = readFileSync('docs/cost.md', 'utf8');
    // As `lz cost` runs it: the templates plus the servers MGN launches.
    const withServers = estimate(stacks, prices, {
      workloadWaves,
      servers: migratingServers(plan),
    });
    const text = formatCostText({ asOf: '2026-11-23', estimate: withServers, waves: [] });
    const total = /^Total: .* priced lines;/m.exec(text)?.[0] ?? 'no total';
    expect(doc).toContain(total);
  });
});
