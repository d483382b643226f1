import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { resourceInAllowedRegion } from '../../../../lib/compliance/rules/resource-in-allowed-region';

const rule = resourceInAllowedRegion(['eu-west-2', 'eu-west-1']);

function topicIn(region?: string): sns.CfnTopic {
  const stack = new Stack(
    testApp(),
    'Test',
    region === undefined ? {} : { env: { account: '555555555555', region } },
  );
  return new sns.CfnTopic(stack, 'Topic', {});
}

describe('resourceInAllowedRegion', () => {
  it.each(['eu-west-2', 'eu-west-1'])('passes a resource in %s', (region) => {
    expect(rule(topicIn(region))).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('fails a resource in a us-east-1 stack, naming the region', () => {
    expect(rule(topicIn('us-east-1'))).toEqual(['Region::us-east-1']);
  });

  it('fails a resource in a stack without an explicit region', () => {
    expect(rule(topicIn())).toEqual(['Region::unresolved']);
  });
});
