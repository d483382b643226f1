import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
export interface BreakGlassRoleProps {
  readonly roleName: string;
  /** The account the trusted principals belong to. */
  readonly trustedAccountId: string;
  /** Principals (ArnLike patterns) of the trusted account that may assume the role. */
  readonly trustedPrincipalArns: readonly string[];
  readonly maxSessionHours: number;
}

/**
 * The break-glass role of one account: the only principal the guardrails never deny, assumable
 * only by the named principals of the trusted account (aws:PrincipalArn, never the whole
 * account), for short sessions. Every use raises the break-glass-used alarm, and the guardrails
 * stop anyone else rewriting its trust or permissions.
 */
export class BreakGlassRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description:
        'Break-glass: emergency changes the guardrails deny (docs/security-baseline.md). Use pages the rota.',
      assumedBy: new iam.CompositePrincipal(
        new iam.AccountPrincipal(props.trustedAccountId).withConditions({
          ArnLike: { 'aws:PrincipalArn': [...props.trustedPrincipalArns] },
        }),
        // So a break-glass session can run a change through CloudFormation as this role (a key
        // policy change, say); only a break-glass session may pass the role (protect-audit).
        new iam.ServicePrincipal('cloudformation.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
        }),
      ),
      maxSessionDuration: Duration.hours(props.maxSessionHours),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
      reason:
        'The break-glass role exists to repair what nothing else may touch (keys, vault locks, the guardrails ' +
        'themselves), so it cannot be scoped in advance; it is limited instead by who may assume it, short sessions, ' +
        'and an alarm to the rota on every use.',
    });
  }
}
