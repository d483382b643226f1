import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Stack } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { vpcEndpointPolicy } from '../../../lib/compliance/rules/vpc-endpoint-policy';
import { loadConfig } from '../../../lib/config/load';
import { patchingBuckets } from '../../../lib/network/endpoint-policy';
import { endpointBoundaryOf } from '../../../stacks/vpc-stack';
import { EXAMPLE_CONFIG_FILE, exampleLandingZone } from '../connectivity/example-landing-zone';

type Statement = { Sid: string; Action: unknown; Resource: unknown; Condition?: unknown };

const { stacks } = exampleLandingZone();
const endpoints = stacks.all.flatMap((stack) =>
  stack.node.findAll().filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint),
);

function statementsOf(endpoint: ec2.CfnVPCEndpoint): Statement[] {
  const document = Stack.of(endpoint).resolve(endpoint.policyDocument) as
    { Statement: Statement[] } | undefined;
  return document?.Statement ?? [];
}

function serviceOf(endpoint: ec2.CfnVPCEndpoint): string {
  return JSON.stringify(Stack.of(endpoint).resolve(endpoint.serviceName));
}

describe('VPC endpoint policies', () => {
  it('every endpoint of the example has a policy bounded to the organisation (the rule passes)', () => {
    expect(endpoints.length).toBeGreaterThan(10);
    for (const endpoint of endpoints) {
      expect({ path: endpoint.node.path, result: vpcEndpointPolicy(endpoint) }).toEqual({
        path: endpoint.node.path,
        result: NagRuleCompliance.COMPLIANT,
      });
    }
  });

  it('the S3 gateway endpoint allows only organisation principals to organisation buckets, plus reads of the patching buckets', () => {
    const s3 = endpoints.filter((e) => serviceOf(e).includes('.s3'));
    expect(s3.length).toBeGreaterThan(0);
    for (const endpoint of s3) {
      const bySid = new Map(statementsOf(endpoint).map((s) => [s.Sid, s]));
      expect(bySid.get('WithinOrganisation')?.Condition).toEqual({
        StringEquals: { 'aws:PrincipalOrgID': 'o-kv7777777777', 'aws:ResourceOrgID': 'o-kv7777777777' },
      });
      expect(bySid.get('AwsOwnedPatchingBuckets')?.Action).toBe('s3:GetObject');
      expect([...(bySid.get('AwsOwnedPatchingBuckets')?.Resource as string[])].sort()).toEqual(
        patchingBuckets('eu-west-2').sort(),
      );
    }
  });

  it('interface endpoints admit only principals of the organisation', () => {
    const interfaces = endpoints.filter((e) => e.vpcEndpointType === 'Interface');
    expect(interfaces.length).toBeGreaterThan(0);
    for (const endpoint of interfaces) {
      expect(statementsOf(endpoint).map((s) => s.Condition)).toEqual([
        { StringEquals: { 'aws:PrincipalOrgID': 'o-kv7777777777' } },
      ]);
    }
  });

  it('without an organisation, the boundary is the landing zone accounts', () => {
    const config = loadConfig(EXAMPLE_CONFIG_FILE);
    expect(endpointBoundaryOf({ ...config, securityBaseline: undefined })).toEqual({
      accountIds: config.accounts.map((a) => a.id),
    });
    expect(endpointBoundaryOf(config)).toEqual({ organisationId: 'o-kv7777777777' });
  });

  it('an endpoint without a policy fails the rule (what every endpoint was before)', () => {
    const open = endpoints[0];
    if (open === undefined) throw new Error('no endpoint');
    const saved: unknown = open.policyDocument;
    open.policyDocument = undefined;
    try {
      expect(vpcEndpointPolicy(open)).toBe(NagRuleCompliance.NON_COMPLIANT);
    } finally {
      open.policyDocument = saved;
    }
  });
});
