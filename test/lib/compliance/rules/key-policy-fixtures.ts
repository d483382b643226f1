import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { testApp } from '../../../helpers/cdk-app';

export const ROOT = 'arn:aws:iam::555555555555:root';
export const BREAK_GLASS = 'arn:aws:iam::555555555555:role/lz-break-glass';
const EXEC_ROLE = 'arn:aws:iam::555555555555:role/cdk-hnb659fds-cfn-exec-role-555555555555-*';

/** The protected key policy the landing zone writes: administration, use, and the deny. */
export function protectedPolicy(): Record<string, unknown>[] {
  return [
    {
      Sid: 'KeyAdministration',
      Effect: 'Allow',
      Principal: { AWS: ROOT },
      Action: ['kms:Create*', 'kms:Enable*', 'kms:Put*', 'kms:Update*', 'kms:ScheduleKeyDeletion'],
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': [EXEC_ROLE, BREAK_GLASS] } },
    },
    {
      Sid: 'KeyUseByThisAccount',
      Effect: 'Allow',
      Principal: { AWS: ROOT },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    },
    denyDestruction(),
  ];
}

export function denyDestruction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Sid: 'DenyKeyDestructionExceptBreakGlass',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'],
    Resource: '*',
    Condition: { ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS } },
    ...overrides,
  };
}

export function key(statements: Record<string, unknown>[], pendingWindowInDays?: number): kms.CfnKey {
  const stack = new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
  return new kms.CfnKey(stack, 'Key', {
    keyPolicy: { Version: '2012-10-17', Statement: statements },
    ...(pendingWindowInDays === undefined ? {} : { pendingWindowInDays }),
  });
}
