import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { roleTrustPrincipalCondition } from '../../../../lib/compliance/rules/role-trust-principal-condition';
import { testApp } from '../../../helpers/cdk-app';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;
const ROLE_ARN =
  'arn:aws:iam::999999999999:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_Ops_*';

function role(principal: iam.IPrincipal): iam.CfnRole {
  const stack = new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
  return new iam.Role(stack, 'Role', { assumedBy: principal }).node.defaultChild as iam.CfnRole;
}

describe('roleTrustPrincipalCondition', () => {
  it('passes an account principal narrowed to named roles by aws:PrincipalArn', () => {
    const trusted = new iam.AccountPrincipal('999999999999').withConditions({
      ArnLike: { 'aws:PrincipalArn': [ROLE_ARN] },
    });
    expect(roleTrustPrincipalCondition(role(trusted))).toBe(COMPLIANT);
  });

  it('passes a named role ARN and a service principal', () => {
    expect(
      roleTrustPrincipalCondition(role(new iam.ArnPrincipal('arn:aws:iam::999999999999:role/ops'))),
    ).toBe(COMPLIANT);
    expect(roleTrustPrincipalCondition(role(new iam.ServicePrincipal('backup.amazonaws.com')))).toBe(
      COMPLIANT,
    );
  });

  it.each([
    ['an account root with no condition', new iam.AccountPrincipal('999999999999')],
    ['the current account root (Fn::Join)', new iam.AccountRootPrincipal()],
    ['anyone', new iam.AnyPrincipal()],
    [
      'an account narrowed to every principal of it',
      new iam.AccountPrincipal('999999999999').withConditions({
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:*' },
      }),
    ],
    [
      'an account with an unrelated condition',
      new iam.AccountPrincipal('999999999999').withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
    ],
  ])('fails %s', (_case, principal) => {
    expect(roleTrustPrincipalCondition(role(principal))).toBe(NON_COMPLIANT);
  });

  it('ignores everything but roles', () => {
    const stack = new Stack(testApp(), 'Test');
    const policy = new iam.CfnManagedPolicy(stack, 'Policy', { policyDocument: {} });
    expect(roleTrustPrincipalCondition(policy)).toBe(NOT_APPLICABLE);
  });
});
