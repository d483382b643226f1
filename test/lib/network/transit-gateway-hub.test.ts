import { testApp } from '../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TransitGatewayHub } from '../../../lib/network/transit-gateway-hub';

function hubTemplate(shareWithAccounts: string[] = ['555555555555', '666666666666']): Template {
  const stack = new Stack(testApp(), 'Hub', { env: { account: '111111111111', region: 'eu-west-2' } });
  new TransitGatewayHub(stack, 'Hub', {
    name: 'hub',
    namePrefix: 'kvdc',
    amazonSideAsn: 64512,
    shareWithAccounts,
    blackholeCidrs: ['10.64.0.0/14'],
  });
  return Template.fromStack(stack);
}

describe('TransitGatewayHub', () => {
  it('turns off automatic acceptance, association and propagation', () => {
    hubTemplate().hasResourceProperties('AWS::EC2::TransitGateway', {
      AmazonSideAsn: 64512,
      AutoAcceptSharedAttachments: 'disable',
      DefaultRouteTableAssociation: 'disable',
      DefaultRouteTablePropagation: 'disable',
      DnsSupport: 'enable',
      VpnEcmpSupport: 'enable',
      Tags: [{ Key: 'Name', Value: 'kvdc-hub' }],
    });
  });

  it('retains the Transit Gateway if the stack is deleted', () => {
    hubTemplate().hasResource('AWS::EC2::TransitGateway', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('has one route table per segment, each blackholing the AWS address space', () => {
    const template = hubTemplate();
    const tables = template.findResources('AWS::EC2::TransitGatewayRouteTable');
    expect(Object.keys(tables).sort()).toEqual([
      expect.stringMatching(/^HubEgressRouteTable/),
      expect.stringMatching(/^HubNonProductionRouteTable/),
      expect.stringMatching(/^HubOnPremisesRouteTable/),
      expect.stringMatching(/^HubProductionRouteTable/),
      expect.stringMatching(/^HubSharedRouteTable/),
    ]);
    const blackholes = template.findResources('AWS::EC2::TransitGatewayRoute', {
      Properties: { Blackhole: true, DestinationCidrBlock: '10.64.0.0/14' },
    });
    expect(Object.keys(blackholes)).toHaveLength(5);
  });

  it('shares the Transit Gateway with the workload accounts only, inside the organisation', () => {
    hubTemplate().hasResourceProperties('AWS::RAM::ResourceShare', {
      Name: 'kvdc-hub-transit-gateway',
      AllowExternalPrincipals: false,
      Principals: ['555555555555', '666666666666'],
      ResourceArns: [
        {
          'Fn::Join': [
            '',
            Match.arrayWith([Match.stringLikeRegexp(':ec2:eu-west-2:111111111111:transit-gateway/')]),
          ],
        },
      ],
    });
  });

  it('creates no share when there is nobody to share with', () => {
    hubTemplate([]).resourceCountIs('AWS::RAM::ResourceShare', 0);
  });
});
