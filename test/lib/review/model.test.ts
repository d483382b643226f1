import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAssembly, type OpenedAssembly } from '../../../lib/assembly/open';
import { buildCostReport } from '../../../lib/cli/cost-command';
import type { CostReport } from '../../../lib/figures/format';
import { buildReviewModel, type ReviewModel } from '../../../lib/review/model';
import { acceptBaseline } from '../../../lib/safety/baseline-files';
import { exampleConfig } from '../../helpers/landing-zone';
import { resourcesByStack, synthReviewAssembly, VALIDATION_REPORT } from './fixture';

describe('review pack model, from a synthesised test assembly', () => {
  let dir: string;
  let assembly: OpenedAssembly;
  let baselines: string;
  let cost: CostReport;
  let model: ReviewModel;
  const build = (allowList: Parameters<typeof buildReviewModel>[0]['allowList'] = []): ReviewModel =>
    buildReviewModel({ assembly, config: exampleConfig(), baselines, allowList, cost, asOf: '2026-11-23' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lz-review-model-'));
    baselines = join(dir, 'baselines');
    acceptBaseline(
      await synthReviewAssembly(join(dir, 'before'), { vpcCidr: '10.9.0.0/16', baseline: true }),
      baselines,
    );
    assembly = openAssembly(
      await synthReviewAssembly(join(dir, 'cdk.out'), { vpcCidr: '10.8.0.0/16', baseline: false }),
    );
    const built = buildCostReport({
      assembly,
      waves: 'migration-waves',
      config: 'config/landing-zone.yaml',
      prices: 'pricing',
      asOf: '2026-11-23',
    });
    if ('error' in built) {
      throw new Error(built.error);
    }
    cost = built.report;
    model = build();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts stacks and resources per account as the templates hold them', () => {
    const files = resourcesByStack(assembly.dir);
    const count = (stack: string) => Object.keys(files[stack] ?? {}).length;
    expect(model.accounts.map((a) => [a.account, a.name, a.stacks.map((s) => s.id), a.resources])).toEqual([
      ['111111111111', 'network', ['Net'], count('Net')],
      ['555555555555', 'production', ['Work'], count('Work')],
    ]);
    expect(model.totals).toEqual({ accounts: 2, stacks: 2, resources: count('Net') + count('Work') });
    expect(model.accounts[0]?.stacks[0]).toMatchObject({ stackName: 'test-net', region: 'eu-west-2' });
  });

  it('reads the network plan from the templates: VPC, subnets, route tables, VPN', () => {
    const net = model.network;
    expect(net.vpcs).toEqual([
      expect.objectContaining({
        name: 'test-hub-vpc',
        cidr: '10.8.0.0/16',
        subnets: [
          expect.objectContaining({ cidr: '10.9.0.0/24', tier: 'app', zone: 'eu-west-2a' }),
          expect.objectContaining({ cidr: '10.9.1.0/24', tier: 'app', zone: 'eu-west-2b' }),
        ],
      }),
    ]);
    expect(net.routeTables.map((t) => [t.name, t.associations, t.propagations, t.routes])).toEqual([
      ['test-rt-production', ['test-hub-vpc'], [], [{ cidr: '10.0.0.0/8', blackhole: true }]],
      // The VPN's attachment is found through its lookup resource, as in the landing zone.
      ['test-rt-on-premises', ['test-depot-vpn'], ['test-hub-vpc'], []],
    ]);
    expect(net.vpns).toEqual([
      expect.objectContaining({
        name: 'test-depot-vpn',
        site: 'depot',
        customerGatewayIp: '198.51.100.20',
        bgpAsn: '65020',
        staticRoutesOnly: false,
      }),
    ]);
    expect(net.unresolved).toBe(0);
  });

  it('lists the unacknowledged findings and the acknowledgements of the validation report', () => {
    expect(model.security.findings).toEqual([
      expect.objectContaining({ plugin: 'AwsSolutions', rule: 'AwsSolutions-VPC7', resource: 'Net/Vpc' }),
    ]);
    expect(model.security.acknowledgements.map((a) => [a.rule, a.resource, a.reason])).toEqual(
      VALIDATION_REPORT.pluginReports.flatMap((p) =>
        p.suppressedViolations.map((s) => [
          s.acknowledgedId ?? s.ruleName,
          s.violatingConstructs[0]?.constructPath,
          s.reason,
        ]),
      ),
    );
    expect(model.security.plugins).toEqual([
      { plugin: 'AwsSolutions', findings: 1, acknowledged: 1 },
      { plugin: 'NIST.800.53.R5', findings: 0, acknowledged: 1 },
    ]);
  });

  it('lists what would be replaced or deleted against the baseline, stateful first', () => {
    expect(model.changes.list.map((c) => [c.stack, c.logicalId, c.change, c.stateful, c.causes])).toEqual([
      // A new VPC CIDR replaces the VPC, and with it everything that names the VPC.
      ['Net', 'AppSubnetA', 'replace', true, ['VpcId']],
      ['Net', 'AppSubnetB', 'replace', true, ['VpcId']],
      ['Net', 'Vpc', 'replace', true, ['CidrBlock']],
      ['Work', 'AppLogs', 'destroy', true, []],
      ['Net', 'Association', 'replace', false, ['TransitGatewayAttachmentId']],
      ['Net', 'Attachment', 'replace', false, ['SubnetIds', 'VpcId']],
      ['Net', 'Propagation', 'replace', false, ['TransitGatewayAttachmentId']],
      ['Work', 'OldGroup', 'destroy', false, []],
    ]);
    expect(model.changes.blocked).toBe(4);
    expect(model.changes.baselineStacks).toBe(2);
  });

  it('an allow-list entry turns a blocked stateful change into an allowed one', () => {
    const allowed = build([
      {
        stack: 'Work',
        logicalId: 'AppLogs',
        change: 'destroy',
        reason: 'The application now logs to the central log group.',
        approvedBy: 'Change Advisory Board',
      },
    ]);
    expect(allowed.changes.blocked).toBe(3);
    expect(allowed.changes.list.find((c) => c.logicalId === 'AppLogs')?.allowedBy?.approvedBy).toBe(
      'Change Advisory Board',
    );
  });

  it('carries the cost estimate of the same assembly', () => {
    expect(model.cost.estimate.lines.filter((l) => l.stack === 'Work').map((l) => l.usage)).toEqual([
      'public-ipv4-hours',
    ]);
    expect(model.dr.workloads).toEqual([]);
  });
});
