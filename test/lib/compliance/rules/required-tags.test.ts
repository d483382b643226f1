import { testApp } from '../../../helpers/cdk-app';
import { Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { requiredTags } from '../../../../lib/compliance/rules/required-tags';

const ALL = {
  owner: 'digital-infrastructure',
  classification: 'OFFICIAL',
  wave: 'landing-zone',
  'cost-centre': 'ICT-0410',
};

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('requiredTags', () => {
  it('passes a resource tagged at app level, once the tag aspects have run', () => {
    const app = testApp();
    const topic = new sns.CfnTopic(
      new Stack(app, 'Test', { env: { account: '555555555555', region: 'eu-west-2' } }),
      'Topic',
      {},
    );
    for (const [key, value] of Object.entries(ALL)) {
      Tags.of(app).add(key, value);
    }
    expect(requiredTags(topic)).toEqual([
      'Tag::owner',
      'Tag::classification',
      'Tag::wave',
      'Tag::cost-centre',
    ]);
    app.synth();
    expect(requiredTags(topic)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('passes a resource with the tags in its own properties', () => {
    const topic = new sns.CfnTopic(stack(), 'Topic', {
      tags: Object.entries(ALL).map(([key, value]) => ({ key, value })),
    });
    expect(requiredTags(topic)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('fails a resource missing wave and classification, naming both', () => {
    const topic = new sns.CfnTopic(stack(), 'Topic', {
      tags: [
        { key: 'owner', value: 'digital-infrastructure' },
        { key: 'cost-centre', value: 'ICT-0410' },
      ],
    });
    expect(requiredTags(topic)).toEqual(['Tag::classification', 'Tag::wave']);
  });

  it('does not apply to resource types CloudFormation cannot tag', () => {
    const route = new ec2.CfnRoute(stack(), 'Route', {
      routeTableId: 'rtb-0123456789abcdef0',
      destinationCidrBlock: '10.0.0.0/8',
      transitGatewayId: 'tgw-0123456789abcdef0',
    });
    expect(requiredTags(route)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
