import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { synthLandingZone } from '../helpers/landing-zone';

const { stacks } = synthLandingZone();

/** Asset hashes change with the CDK version, not with our code; snapshots ignore them. */
function normalised(template: Template): unknown {
  return JSON.parse(
    JSON.stringify(template.toJSON()).replace(/[0-9a-f]{64}(\.zip|\.json)?/g, '<asset-hash>$1'),
  );
}

const STATEFUL_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::TransitGateway',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
];

describe('landing-zone stacks', () => {
  it('has a stack per network, connectivity, data-protection, operations and monitoring concern, each in its account and region', () => {
    expect(stacks.all.map((s) => `${s.stackName} ${s.account} ${s.region}`)).toEqual([
      'kvdc-network-hub 111111111111 eu-west-2',
      'kvdc-dns-firewall 111111111111 eu-west-2',
      'kvdc-vpc-shared-services 111111111111 eu-west-2',
      'kvdc-vpc-production 111111111111 eu-west-2',
      'kvdc-vpc-non-production 111111111111 eu-west-2',
      'kvdc-connectivity 111111111111 eu-west-2',
      'kvdc-hybrid-dns 111111111111 eu-west-2',
      'kvdc-backup-central 444444444444 eu-west-2',
      'kvdc-backup-dr-region 444444444444 eu-west-1',
      'kvdc-data-protection-production 555555555555 eu-west-2',
      'kvdc-data-protection-non-production 666666666666 eu-west-2',
      'kvdc-operations-network 111111111111 eu-west-2',
      'kvdc-operations-backup 444444444444 eu-west-2',
      'kvdc-operations-production 555555555555 eu-west-2',
      'kvdc-operations-non-production 666666666666 eu-west-2',
      'kvdc-alerting-network 111111111111 eu-west-2',
      'kvdc-alerting-production 555555555555 eu-west-2',
      'kvdc-alerting-non-production 666666666666 eu-west-2',
      // Without a plan, only the databases of dataProtection.databases are monitored.
      'kvdc-monitoring-non-production-landing-zone 666666666666 eu-west-2',
      // The security baseline (docs/security-baseline.md): deployed first, listed last.
      'kvdc-log-archive 333333333333 eu-west-2',
      'kvdc-security-tooling 777777777777 eu-west-2',
      'kvdc-security-tooling-dr-region 777777777777 eu-west-1',
      'kvdc-organisation-management 888888888888 eu-west-2',
      ...[
        ['network', '111111111111'],
        ['shared-services', '222222222222'],
        ['log-archive', '333333333333'],
        ['backup', '444444444444'],
        ['production', '555555555555'],
        ['non-production', '666666666666'],
        ['security', '777777777777'],
        ['management', '888888888888'],
        ['delivery', '999999999999'],
      ].flatMap(([name, id]) => [
        `kvdc-account-baseline-${name ?? ''} ${id ?? ''} eu-west-2`,
        `kvdc-account-baseline-${name ?? ''}-dr-region ${id ?? ''} eu-west-1`,
      ]),
      'kvdc-security-organisation 777777777777 eu-west-2',
      'kvdc-security-organisation-dr-region 777777777777 eu-west-1',
    ]);
    for (const stack of stacks.all) {
      expect({ stack: stack.stackName, terminationProtection: stack.terminationProtection }).toEqual({
        stack: stack.stackName,
        terminationProtection: true,
      });
    }
  });

  it('pins the logical IDs of stateful resources, so a refactor cannot replace them', () => {
    const production = stacks.vpcs['production'] ?? stacks.hub;
    const ids = (stack: Stack, type: string): string[] =>
      Object.keys(Template.fromStack(stack).findResources(type)).sort();
    expect(ids(stacks.hub, 'AWS::EC2::TransitGateway')).toEqual(['HubTransitGateway8E0236DF']);
    expect(ids(stacks.hub, 'AWS::EC2::VPC')).toEqual(['EgressVpc43239058']);
    expect(ids(stacks.hub, 'AWS::KMS::Key')).toEqual([
      'EgressDefaultSecurityGroupHandlerLogsKey981AE296',
      'EgressFlowLogsKeyE9395205',
      'EgressNetworkFirewallAlertLogsKey500820EF',
      'EgressNetworkFirewallFlowLogsKeyA5F88A28',
    ]);
    expect(ids(stacks.hub, 'AWS::Logs::LogGroup')).toEqual([
      'EgressDefaultSecurityGroupHandlerLogsLogGroup3CBEC302',
      'EgressFlowLogsLogGroup9E47E82E',
      'EgressNetworkFirewallAlertLogsLogGroupCD92A3C0',
      'EgressNetworkFirewallFlowLogsLogGroup31AAE1ED',
    ]);
    expect(ids(production, 'AWS::EC2::VPC')).toEqual(['ProductionVpc24E823A9']);
    expect(ids(production, 'AWS::EC2::Subnet')).toEqual([
      'ProductionVpcappSubnet1SubnetFECDD3D0',
      'ProductionVpcappSubnet2SubnetF4F5BA63',
      'ProductionVpcappSubnet3SubnetC70C37A5',
      'ProductionVpcdataSubnet1SubnetC80856BD',
      'ProductionVpcdataSubnet2Subnet3F596BD2',
      'ProductionVpcdataSubnet3Subnet0D1A88B9',
      'ProductionVpctransitSubnet1Subnet5D491FA8',
      'ProductionVpctransitSubnet2Subnet124FF12D',
      'ProductionVpctransitSubnet3Subnet92EFC6B0',
    ]);
    expect(ids(production, 'AWS::KMS::Key')).toEqual([
      'FlowLogsKeyBAB0B9A4',
      'ProductionDefaultSecurityGroupHandlerLogsKey48B43DD9',
    ]);
    expect(ids(production, 'AWS::Logs::LogGroup')).toEqual([
      'FlowLogsLogGroup9853A85F',
      'ProductionDefaultSecurityGroupHandlerLogsLogGroupCB10995B',
    ]);
  });

  it('retains every stateful resource when a stack is deleted or a resource replaced', () => {
    for (const stack of stacks.all) {
      const template = Template.fromStack(stack);
      for (const type of STATEFUL_TYPES) {
        for (const [id, resource] of Object.entries(template.findResources(type))) {
          expect({ id, policy: (resource as { DeletionPolicy?: string }).DeletionPolicy }).toEqual({
            id,
            policy: 'Retain',
          });
        }
      }
    }
  });

  it('tags everything with owner, cost centre, manager, classification OFFICIAL and wave landing-zone', () => {
    for (const stack of [stacks.hub, ...Object.values(stacks.vpcs)]) {
      Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPC', {
        Tags: Match.arrayWith([
          { Key: 'classification', Value: 'OFFICIAL' },
          { Key: 'cost-centre', Value: 'ICT-0410' },
          { Key: 'managed-by', Value: 'council-landing-zone' },
          Match.objectLike({ Key: 'Name' }),
          { Key: 'owner', Value: 'digital-infrastructure' },
          { Key: 'wave', Value: 'landing-zone' },
        ]),
      });
    }
  });

  it.each(stacks.all.map((s) => [s.stackName, s] as const))(
    'matches the reviewed snapshot of %s',
    (_name, stack) => {
      expect(normalised(Template.fromStack(stack))).toMatchSnapshot();
    },
  );
});
