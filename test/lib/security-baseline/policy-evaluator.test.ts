import {
  evaluatePolicies,
  FULL_AWS_ACCESS,
  globMatches,
  type PolicyDocument,
  type PolicyStatement,
} from '../../../lib/security-baseline/policy-evaluator';

function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

const deny = (statement: Omit<PolicyStatement, 'Effect'>): PolicyDocument =>
  doc({ Effect: 'Deny', Resource: '*', ...statement });

describe('the offline policy evaluator', () => {
  it('matches * and ? wildcards, anchored', () => {
    expect(globMatches('ec2:Create*', 'ec2:CreateVpc')).toBe(true);
    expect(globMatches('ec2:Create?pc', 'ec2:CreateVpc')).toBe(true);
    expect(globMatches('ec2:Create', 'ec2:CreateVpc')).toBe(false);
    expect(globMatches('a.b', 'axb')).toBe(false);
  });

  it('an explicit deny wins over an allow; no statement means an implicit deny', () => {
    const request = { action: 's3:GetObject', context: {} };
    expect(evaluatePolicies([FULL_AWS_ACCESS], request).decision).toBe('allow');
    expect(evaluatePolicies([FULL_AWS_ACCESS, deny({ Action: 's3:*' })], request).decision).toBe(
      'explicit-deny',
    );
    expect(evaluatePolicies([], request).decision).toBe('implicit-deny');
  });

  it('matches actions case-insensitively, and NotAction as everything but the list', () => {
    const policy = deny({ NotAction: ['iam:*', 'sts:*'] });
    expect(evaluatePolicies([policy], { action: 'IAM:CreateRole', context: {} }).decision).toBe(
      'implicit-deny',
    );
    expect(evaluatePolicies([policy], { action: 'ec2:RunInstances', context: {} }).decision).toBe(
      'explicit-deny',
    );
  });

  it('matches resources case-sensitively, and * crosses slashes and colons', () => {
    const policy = deny({ Action: 'events:*', Resource: 'arn:aws:events:*:*:rule/kvdc-security-*' });
    const on = (resource: string) =>
      evaluatePolicies([policy], { action: 'events:PutRule', resource, context: {} }).decision;
    expect(on('arn:aws:events:eu-west-2:111111111111:rule/kvdc-security-alarms/kvdc-security-root')).toBe(
      'explicit-deny',
    );
    expect(on('arn:aws:events:eu-west-2:111111111111:rule/KVDC-security-x')).toBe('implicit-deny');
  });

  it('StringEquals and StringNotEquals; a missing key fails the positive and passes the negated operator', () => {
    const equals = deny({
      Action: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
    });
    const notEquals = deny({
      Action: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-2', 'eu-west-1'] } },
    });
    const at = (policy: PolicyDocument, region?: string) =>
      evaluatePolicies([policy], { action: 'ec2:RunInstances', context: { 'aws:RequestedRegion': region } })
        .decision;
    expect(at(equals, 'us-east-1')).toBe('explicit-deny');
    expect(at(equals, 'eu-west-2')).toBe('implicit-deny');
    expect(at(equals)).toBe('implicit-deny');
    expect(at(notEquals, 'us-east-1')).toBe('explicit-deny');
    expect(at(notEquals, 'eu-west-1')).toBe('implicit-deny');
    expect(at(notEquals)).toBe('explicit-deny');
  });

  it('StringLike and StringNotLike use wildcards', () => {
    const like = deny({ Action: '*', Condition: { StringLike: { 'aws:userid': ['AROA*:break-*'] } } });
    const notLike = deny({ Action: '*', Condition: { StringNotLike: { 'aws:userid': ['AROA*'] } } });
    const as = (policy: PolicyDocument, userid: string) =>
      evaluatePolicies([policy], { action: 's3:GetObject', context: { 'aws:userid': userid } }).decision;
    expect(as(like, 'AROAEXAMPLE:break-glass')).toBe('explicit-deny');
    expect(as(like, 'AIDAEXAMPLE')).toBe('implicit-deny');
    expect(as(notLike, 'AIDAEXAMPLE')).toBe('explicit-deny');
    expect(as(notLike, 'AROAEXAMPLE:x')).toBe('implicit-deny');
  });

  it('ArnLike and ArnNotLike compare ARN parts, so * does not cross a colon before the resource', () => {
    const like = deny({
      Action: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/cdk-*-cfn-exec-role-*'] } },
    });
    const notLike = deny({
      Action: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/admin'] } },
    });
    const by = (policy: PolicyDocument, arn: string | undefined) =>
      evaluatePolicies([policy], { action: 's3:GetObject', context: { 'aws:PrincipalArn': arn } }).decision;
    expect(
      by(like, 'arn:aws:iam::555555555555:role/cdk-hnb659fds-cfn-exec-role-555555555555-eu-west-2'),
    ).toBe('explicit-deny');
    expect(by(like, 'arn:aws:iam::555555555555:role/other')).toBe('implicit-deny');
    // The account part may not swallow the service part.
    expect(
      by(
        deny({ Action: '*', Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:*:role/x'] } } }),
        'arn:aws:iam::1:role/x',
      ),
    ).toBe('implicit-deny');
    expect(by(notLike, 'arn:aws:iam::111111111111:role/admin')).toBe('implicit-deny');
    expect(by(notLike, 'arn:aws:iam::111111111111:role/other')).toBe('explicit-deny');
    expect(by(notLike, undefined)).toBe('explicit-deny');
  });

  it('Null and Bool', () => {
    const noTag = deny({
      Action: 'ec2:RunInstances',
      Condition: { Null: { 'aws:RequestTag/owner': 'true' } },
    });
    expect(evaluatePolicies([noTag], { action: 'ec2:RunInstances', context: {} }).decision).toBe(
      'explicit-deny',
    );
    expect(
      evaluatePolicies([noTag], { action: 'ec2:RunInstances', context: { 'aws:RequestTag/owner': 'it' } })
        .decision,
    ).toBe('implicit-deny');
    const insecure = deny({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const secure = (value: boolean | undefined) =>
      evaluatePolicies([insecure], { action: 's3:GetObject', context: { 'aws:SecureTransport': value } })
        .decision;
    expect(secure(false)).toBe('explicit-deny');
    expect(secure(true)).toBe('implicit-deny');
    expect(secure(undefined)).toBe('implicit-deny');
  });

  it('ForAnyValue and ForAllValues over a multi-valued key, and IfExists', () => {
    const anyValue = deny({
      Action: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['classification'] } },
    });
    const allValues = deny({
      Action: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['owner', 'wave'] } },
    });
    const tags = (policy: PolicyDocument, keys?: string[]) =>
      evaluatePolicies([policy], { action: 'ec2:CreateTags', context: { 'aws:TagKeys': keys } }).decision;
    expect(tags(anyValue, ['owner', 'classification'])).toBe('explicit-deny');
    expect(tags(anyValue, ['owner'])).toBe('implicit-deny');
    expect(tags(anyValue)).toBe('implicit-deny');
    expect(tags(allValues, ['owner'])).toBe('explicit-deny');
    expect(tags(allValues, ['owner', 'classification'])).toBe('implicit-deny');
    expect(tags(allValues)).toBe('explicit-deny');
    const ifExists = deny({
      Action: '*',
      Condition: { StringEqualsIfExists: { 'ec2:Region': ['us-east-1'] } },
    });
    expect(evaluatePolicies([ifExists], { action: 'ec2:RunInstances', context: {} }).decision).toBe(
      'explicit-deny',
    );
  });

  it('every condition operator and key must hold, and a key may list alternatives', () => {
    const policy = deny({
      Action: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['eu-west-2'] },
        ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/break-glass', 'arn:aws:iam::*:role/deploy'] },
      },
    });
    const call = (region: string, arn: string) =>
      evaluatePolicies([policy], {
        action: 'ec2:RunInstances',
        context: { 'aws:RequestedRegion': region, 'aws:PrincipalArn': arn },
      }).decision;
    expect(call('us-east-1', 'arn:aws:iam::1:role/admin')).toBe('explicit-deny');
    expect(call('us-east-1', 'arn:aws:iam::1:role/deploy')).toBe('implicit-deny');
    expect(call('eu-west-2', 'arn:aws:iam::1:role/admin')).toBe('implicit-deny');
  });

  it('refuses operators it does not implement, and single-valued operators on lists', () => {
    const numeric = deny({
      Action: '*',
      Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
    });
    expect(() => evaluatePolicies([numeric], { action: 's3:GetObject', context: {} })).toThrow(
      /NumericLessThan is not supported/,
    );
    const single = deny({ Action: '*', Condition: { StringEquals: { 'aws:TagKeys': ['a'] } } });
    expect(() =>
      evaluatePolicies([single], { action: 's3:GetObject', context: { 'aws:TagKeys': ['a', 'b'] } }),
    ).toThrow(/ForAnyValue or ForAllValues/);
  });
});
