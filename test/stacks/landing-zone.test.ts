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
  it('has the hub, one stack per spoke VPC, connectivity and hybrid DNS, all in the network account in London', () => {
    expect(stacks.all.map((s) => s.stackName)).toEqual([
      'kvdc-network-hub',
      'kvdc-vpc-shared-services',
      'kvdc-vpc-production',
      'kvdc-vpc-non-production',
      'kvdc-connectivity',
      'kvdc-hybrid-dns',
    ]);
    for (const stack of stacks.all) {
      expect(stack.account).toBe('111111111111');
      expect(stack.region).toBe('eu-west-2');
      expect(stack.terminationProtection).toBe(true);
    }
  });

  it('pins the logical IDs of stateful resources, so a refactor cannot replace them', () => {
    const ids = (stackIndex: number, type: string): string[] =>
      Object.keys(Template.fromStack(stacks.all[stackIndex] ?? stacks.hub).findResources(type)).sort();
    expect(ids(0, 'AWS::EC2::TransitGateway')).toEqual(['HubTransitGateway8E0236DF']);
    expect(ids(0, 'AWS::EC2::VPC')).toEqual(['EgressVpc43239058']);
    expect(ids(0, 'AWS::KMS::Key')).toEqual(['EgressFlowLogsKeyE9395205']);
    expect(ids(0, 'AWS::Logs::LogGroup')).toEqual(['EgressFlowLogsLogGroup9E47E82E']);
    expect(ids(2, 'AWS::EC2::VPC')).toEqual(['ProductionVpc24E823A9']);
    expect(ids(2, 'AWS::EC2::Subnet')).toEqual([
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
    expect(ids(2, 'AWS::KMS::Key')).toEqual(['FlowLogsKeyBAB0B9A4']);
    expect(ids(2, 'AWS::Logs::LogGroup')).toEqual(['FlowLogsLogGroup9853A85F']);
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

  it('tags everything with owner, cost centre and manager', () => {
    for (const stack of [stacks.hub, ...Object.values(stacks.vpcs)]) {
      Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPC', {
        Tags: Match.arrayWith([
          { Key: 'cost-centre', Value: 'ICT-0410' },
          { Key: 'managed-by', Value: 'council-landing-zone' },
          Match.objectLike({ Key: 'Name' }),
          { Key: 'owner', Value: 'digital-infrastructure' },
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
