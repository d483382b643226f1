import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { LandingZoneConfig } from '../../../lib/config/schema';
import { readAllowList, type AllowEntry } from '../../../lib/safety/allow-list';
import { guardChanges, describeChange, type StackTemplates } from '../../../lib/safety/change-guard';
import { exampleConfig, synthLandingZone } from '../../helpers/landing-zone';

function templatesOf(config: LandingZoneConfig): StackTemplates {
  const { stacks } = synthLandingZone(config);
  return Object.fromEntries(stacks.all.map((s) => [s.artifactId, Template.fromStack(s).toJSON()]));
}

function withVpc(
  config: LandingZoneConfig,
  name: string,
  edit: (v: LandingZoneConfig['network']['vpcs'][number]) => object,
): LandingZoneConfig {
  return {
    ...config,
    network: {
      ...config.network,
      vpcs: config.network.vpcs.map((v) => (v.name === name ? { ...v, ...edit(v) } : v)),
    },
  };
}

function nonProductionVpcId(templates: StackTemplates): string {
  const resources = Template.fromJSON(templates['KvdcVpcNonProduction'] ?? {}).findResources('AWS::EC2::VPC');
  const [id] = Object.keys(resources);
  if (id === undefined) {
    throw new Error('the non-production stack has a VPC');
  }
  return id;
}

describe('change guard', () => {
  const example = exampleConfig();
  const baseline = templatesOf(example);

  it('finds nothing when the synth matches the baseline', () => {
    const result = guardChanges(baseline, templatesOf(example), []);
    expect(result.changes).toEqual([]);
    expect(result.stacksCompared).toBe(Object.keys(baseline).length);
    expect(result.stacksCompared).toBeGreaterThanOrEqual(6);
  });

  it('blocks a VPC and its subnets being replaced by a CIDR change, naming the cause', () => {
    const changed = withVpc(example, 'non-production', () => ({ cidr: '10.66.16.0/20' }));
    const result = guardChanges(baseline, templatesOf(changed), []);
    expect(result.blocked.map((c) => `${c.type} ${c.change}`)).toEqual([
      'AWS::EC2::VPC replace',
      ...Array<string>(9).fill('AWS::EC2::Subnet replace'),
    ]);
    const [first] = result.blocked;
    expect(first && describeChange(first)).toMatch(
      /^KvdcVpcNonProduction\/NonProductionVpc\w+ \(AWS::EC2::VPC\) will be REPLACED because CidrBlock changed$/,
    );
  });

  it('blocks a renamed subnet tier and names the new logical id of each subnet', () => {
    const renamed = withVpc(example, 'production', (v) => ({
      subnets: v.subnets.map((t) => (t.name === 'data' ? { ...t, name: 'database' } : t)),
    }));
    const result = guardChanges(baseline, templatesOf(renamed), []);
    expect(
      result.blocked.map((c) => [
        c.logicalId.replace(/[A-F0-9]{8}$/, ''),
        c.change,
        c.renamedTo?.replace(/[A-F0-9]{8}$/, ''),
      ]),
    ).toEqual([
      ['ProductionVpcdataSubnet1Subnet', 'orphan', 'ProductionVpcdatabaseSubnet1Subnet'],
      ['ProductionVpcdataSubnet2Subnet', 'orphan', 'ProductionVpcdatabaseSubnet2Subnet'],
      ['ProductionVpcdataSubnet3Subnet', 'orphan', 'ProductionVpcdatabaseSubnet3Subnet'],
    ]);
  });

  it('treats a stack that disappeared as losing everything stateful in it', () => {
    const current = { ...baseline };
    delete current['KvdcVpcSharedServices'];
    const result = guardChanges(baseline, current, []);
    const types = new Set(result.blocked.map((c) => c.type));
    expect(types).toEqual(
      new Set(['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']),
    );
    expect(result.blocked.every((c) => c.stack === 'KvdcVpcSharedServices')).toBe(true);
  });

  it('ignores changes to resources that hold no state', () => {
    const changed = withVpc(example, 'production', (v) => ({
      endpoints: v.endpoints.filter((e) => e !== 'monitoring'),
    }));
    expect(guardChanges(baseline, templatesOf(changed), []).changes).toEqual([]);
  });

  it('lets an allow-list entry accept a change with its reason, and reports entries that match nothing', () => {
    const changed = withVpc(example, 'non-production', () => ({ cidr: '10.66.16.0/20' }));
    const current = templatesOf(changed);
    const vpcId = nonProductionVpcId(baseline);
    const entries: AllowEntry[] = [
      {
        stack: 'KvdcVpcNonProduction',
        logicalId: vpcId,
        change: 'replace',
        reason: 'non-production is empty and is being re-addressed',
        approvedBy: 'Change Advisory Board',
      },
      {
        stack: 'KvdcVpcProduction',
        logicalId: 'Nothing',
        change: 'destroy',
        reason: 'an old exception nobody removed',
        approvedBy: 'Change Advisory Board',
      },
    ];
    const result = guardChanges(baseline, current, entries);
    expect(result.changes.find((c) => c.logicalId === vpcId)?.allowedBy?.approvedBy).toBe(
      'Change Advisory Board',
    );
    expect(result.blocked).toHaveLength(9);
    expect(result.unusedAllowances.map((a) => a.logicalId)).toEqual(['Nothing']);
  });
});

describe('allow-list file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lz-allow-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is empty when the file does not exist', () => {
    expect(readAllowList(join(dir, 'none.yaml'))).toEqual({ entries: [], diagnostics: [] });
  });

  it('reports every mistake with its line and field', () => {
    const file = join(dir, 'allow.yaml');
    writeFileSync(
      file,
      [
        'allow:',
        '  - stack: KvdcVpcProduction',
        '    logicalId: ProductionVpc24E823A9',
        '    change: rename',
        '    reason: too short',
        '    approvedBy: CAB',
        '    tiket: CHG-1',
        '',
      ].join('\n'),
    );
    const { diagnostics } = readAllowList(file);
    expect(diagnostics.map((d) => `${d.line} ${d.path}: ${d.message}`)).toEqual([
      expect.stringMatching(
        /^4 allow\[0\]\.change: "rename" is not allowed \(expected one of: replace, destroy, orphan\)/,
      ),
      '5 allow[0].reason: explain why losing or replacing this resource is safe (20 characters or more)',
      '7 allow[0].tiket: unknown key "tiket" (did you mean "ticket"?)',
    ]);
  });
});
