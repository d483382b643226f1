import { NagRuleCompliance } from 'cdk-nag';
import { keyDeletionProtected } from '../../../../lib/compliance/rules/key-deletion-protected';
import { denyDestruction, key, protectedPolicy } from './key-policy-fixtures';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;
const allowing = protectedPolicy().filter((s) => s['Effect'] === 'Allow');

describe('keyDeletionProtected', () => {
  it('passes a key whose policy denies destruction to all but the break-glass role, waiting 30 days', () => {
    expect(keyDeletionProtected(key(protectedPolicy(), 30))).toBe(COMPLIANT);
    // CloudFormation's default waiting period is 30 days.
    expect(keyDeletionProtected(key(protectedPolicy()))).toBe(COMPLIANT);
  });

  it.each([
    ['no deny at all (the CDK default policy)', allowing, 30],
    ['a 7-day waiting period', protectedPolicy(), 7],
    [
      'DisableKey left out',
      [...allowing, denyDestruction({ Action: ['kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy'] })],
      30,
    ],
    [
      'an exemption for every role of the account',
      [
        ...allowing,
        denyDestruction({
          Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::555555555555:role/*' } },
        }),
      ],
      30,
    ],
    [
      'a deny that only applies with MFA absent (a second condition)',
      [
        ...allowing,
        denyDestruction({
          Condition: {
            ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::555555555555:role/lz-break-glass' },
            Bool: { 'aws:MultiFactorAuthPresent': 'false' },
          },
        }),
      ],
      30,
    ],
    [
      'a deny for one principal only',
      [...allowing, denyDestruction({ Principal: { AWS: 'arn:aws:iam::555555555555:role/x' } })],
      30,
    ],
  ])('fails %s', (_case, statements, window) => {
    expect(keyDeletionProtected(key(statements, window))).toBe(NON_COMPLIANT);
  });
});
