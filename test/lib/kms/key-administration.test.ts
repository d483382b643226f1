import { Aspects, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { keyDeletionProtected } from '../../../lib/compliance/rules/key-deletion-protected';
import { keyPolicyLeastPrivilege } from '../../../lib/compliance/rules/key-policy-least-privilege';
import { bootstrapRoleArnPattern } from '../../../lib/delivery/bootstrap-roles';
import { councilKey, KeyAdministration } from '../../../lib/kms/council-key';
import { testApp } from '../../helpers/cdk-app';
import { exampleLandingZone } from '../connectivity/example-landing-zone';

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Condition?: unknown };

function keyIn(withAspect: boolean): { stack: Stack; key: kms.CfnKey } {
  const app = testApp();
  const stack = new Stack(app, 'Keys', { env: { account: '555555555555', region: 'eu-west-2' } });
  const key = councilKey(stack, 'Key', { description: 'test' });
  if (withAspect) {
    Aspects.of(app).add(
      new KeyAdministration({
        breakGlassRoleName: 'lz-break-glass',
        executionRoleArnPattern: (account, partition) =>
          bootstrapRoleArnPattern('cfn-exec', account, partition),
      }),
    );
  }
  app.synth();
  return { stack, key: key.node.defaultChild as kms.CfnKey };
}

describe('KeyAdministration', () => {
  it('replaces kms:* to the account root: administration by the execution and break-glass roles, destruction denied to all others, 30 days', () => {
    const { stack, key } = keyIn(true);
    const policy = stack.resolve(key.keyPolicy) as { Statement: Statement[] };
    expect(policy.Statement.some((s) => s.Effect === 'Allow' && [s.Action].flat().includes('kms:*'))).toBe(
      false,
    );
    const deny = policy.Statement.find((s) => s.Sid === 'DenyKeyDestructionExceptBreakGlass');
    expect(deny?.Effect).toBe('Deny');
    expect([deny?.Action].flat().sort()).toEqual([
      'kms:DisableKey',
      'kms:PutKeyPolicy',
      'kms:ScheduleKeyDeletion',
    ]);
    expect(deny?.Condition).toEqual({
      ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::555555555555:role/lz-break-glass' },
    });
    const admin = policy.Statement.find((s) => s.Sid === 'KeyAdministrationByDeploymentsAndBreakGlass');
    expect(JSON.stringify(admin?.Condition)).toContain('cdk-hnb659fds-cfn-exec-role-555555555555-*');
    expect(stack.resolve(key.pendingWindowInDays)).toBe(30);
    expect(keyDeletionProtected(key)).toBe(NagRuleCompliance.COMPLIANT);
    expect(keyPolicyLeastPrivilege(key)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('without it a key keeps the CDK default kms:* to the root, which both rules report', () => {
    const { key } = keyIn(false);
    expect(keyDeletionProtected(key)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(keyPolicyLeastPrivilege(key)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('covers every KMS key of the example landing zone, including those aws-cdk-lib creates itself', () => {
    const { app, stacks } = exampleLandingZone();
    app.synth();
    const keys = stacks.all.flatMap((stack) =>
      stack.node.findAll().filter((c): c is kms.CfnKey => c instanceof kms.CfnKey),
    );
    expect(keys.length).toBeGreaterThan(30);
    const unprotected = keys
      .filter(
        (k) =>
          keyDeletionProtected(k) !== NagRuleCompliance.COMPLIANT ||
          keyPolicyLeastPrivilege(k) !== NagRuleCompliance.COMPLIANT,
      )
      .map((k) => k.node.path);
    expect(unprotected).toEqual([]);
  });
});
