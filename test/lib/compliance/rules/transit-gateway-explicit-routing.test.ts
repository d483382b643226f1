import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { transitGatewayExplicitRouting } from '../../../../lib/compliance/rules/transit-gateway-explicit-routing';

function transitGateway(props: ec2.CfnTransitGatewayProps): ec2.CfnTransitGateway {
  return new ec2.CfnTransitGateway(new Stack(testApp(), 'Test'), 'Tgw', props);
}

describe('transitGatewayExplicitRouting', () => {
  it('passes a gateway with auto-accept, default association and default propagation off', () => {
    const tgw = transitGateway({
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
    });
    expect(transitGatewayExplicitRouting(tgw)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('fails a gateway left on AWS defaults (association and propagation enabled)', () => {
    expect(transitGatewayExplicitRouting(transitGateway({}))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('fails a gateway that auto-accepts shared attachments', () => {
    const tgw = transitGateway({
      autoAcceptSharedAttachments: 'enable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
    });
    expect(transitGatewayExplicitRouting(tgw)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('fails a gateway that propagates into its default route table', () => {
    const tgw = transitGateway({
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'enable',
    });
    expect(transitGatewayExplicitRouting(tgw)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });
});
