import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { vpcEndpointPolicy } from '../../../../lib/compliance/rules/vpc-endpoint-policy';
import { testApp } from '../../../helpers/cdk-app';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

function endpoint(policy: unknown, type = 'Gateway'): ec2.CfnVPCEndpoint {
  const stack = new Stack(testApp(), 'Test', { env: { account: '111111111111', region: 'eu-west-2' } });
  return new ec2.CfnVPCEndpoint(stack, 'Endpoint', {
    vpcId: 'vpc-0123456789abcdef0',
    serviceName: 'com.amazonaws.eu-west-2.s3',
    vpcEndpointType: type,
    ...(policy === undefined ? {} : { policyDocument: policy }),
  });
}

const organisationOnly = {
  Effect: 'Allow',
  Principal: '*',
  Action: '*',
  Resource: '*',
  Condition: {
    StringEquals: { 'aws:PrincipalOrgID': 'o-kv7777777777', 'aws:ResourceOrgID': 'o-kv7777777777' },
  },
};

describe('vpcEndpointPolicy', () => {
  it('passes a policy bounded to the organisation, plus reads of named AWS-owned buckets', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        organisationOnly,
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: ['arn:aws:s3:::aws-ssm-eu-west-2/*'],
        },
      ],
    };
    expect(vpcEndpointPolicy(endpoint(policy))).toBe(COMPLIANT);
  });

  it.each([
    ['no policy (AWS attaches full access)', undefined],
    [
      'full access written out',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
    ],
    [
      'one bounded statement and one open',
      {
        Version: '2012-10-17',
        Statement: [
          organisationOnly,
          { Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' },
        ],
      },
    ],
  ])('fails %s', (_case, policy) => {
    expect(vpcEndpointPolicy(endpoint(policy))).toBe(NON_COMPLIANT);
  });

  it('ignores Gateway Load Balancer endpoints, which take no policy', () => {
    expect(vpcEndpointPolicy(endpoint(undefined, 'GatewayLoadBalancer'))).toBe(NOT_APPLICABLE);
  });
});
