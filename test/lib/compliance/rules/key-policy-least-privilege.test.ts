import { NagRuleCompliance } from 'cdk-nag';
import { keyPolicyLeastPrivilege } from '../../../../lib/compliance/rules/key-policy-least-privilege';
import { key, protectedPolicy, ROOT } from './key-policy-fixtures';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;

describe('keyPolicyLeastPrivilege', () => {
  it('passes administration by named roles, use by the account, and * kept in the account', () => {
    expect(
      keyPolicyLeastPrivilege(
        key([
          ...protectedPolicy(),
          {
            Sid: 'AllowUseThroughEc2InThisAccount',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: {
              StringEquals: {
                'kms:CallerAccount': '555555555555',
                'kms:ViaService': 'ec2.eu-west-2.amazonaws.com',
              },
            },
          },
          {
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'kms:Encrypt',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-kv7777777777' } },
          },
        ]),
      ),
    ).toBe(COMPLIANT);
  });

  it.each([
    ['kms:* to principal * with no condition', { Principal: { AWS: '*' }, Action: 'kms:*' }],
    ['kms:* to the account root (the CDK default)', { Principal: { AWS: ROOT }, Action: 'kms:*' }],
    ['* to the account root', { Principal: { AWS: ROOT }, Action: '*' }],
    ['NotAction to the account root', { Principal: { AWS: ROOT }, NotAction: 'kms:Decrypt' }],
    ['kms:* to a service', { Principal: { Service: 'backup.amazonaws.com' }, Action: 'kms:*' }],
    ['Decrypt to * with no condition', { Principal: '*', Action: 'kms:Decrypt' }],
    [
      'Decrypt to * bounded only by a wildcard organisation',
      {
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } },
      },
    ],
  ])('fails %s', (_case, statement) => {
    expect(
      keyPolicyLeastPrivilege(key([...protectedPolicy(), { Effect: 'Allow', Resource: '*', ...statement }])),
    ).toBe(NON_COMPLIANT);
  });
});
