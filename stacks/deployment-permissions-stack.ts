import { CliCredentialsStackSynthesizer, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { AccountRole } from '../lib/config/schema';
import {
  EXECUTION_POLICY_NAME,
  executionPolicyStatements,
  PERMISSIONS_BOUNDARY_NAME,
  permissionsBoundaryStatements,
  type DeploymentPermissionsOptions,
} from '../lib/delivery/deployment-permissions';

export interface DeploymentPermissionsStackProps extends StackProps {
  readonly accountRole: AccountRole;
  /** Roles the landing zone's stacks must never change (bootstrap and GitHub OIDC roles). */
  readonly protectedRoleNames: readonly string[];
}

/**
 * One account's execution policy and permissions boundary (lib/delivery/deployment-permissions.ts),
 * deployed with the account administrator's own credentials before `cdk bootstrap` names them:
 * the CLI-credentials synthesizer needs no bootstrap stack, and the stack has no assets.
 */
export class DeploymentPermissionsStack extends Stack {
  readonly executionPolicy: iam.ManagedPolicy;
  readonly permissionsBoundary: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: DeploymentPermissionsStackProps) {
    // Deleting it would leave the execution role without permissions and every role unbounded.
    super(scope, id, {
      ...props,
      terminationProtection: true,
      synthesizer: new CliCredentialsStackSynthesizer(),
    });
    const options: DeploymentPermissionsOptions = {
      partition: this.partition,
      account: this.account,
      accountRole: props.accountRole,
      protectedRoleNames: props.protectedRoleNames,
    };
    this.permissionsBoundary = new iam.ManagedPolicy(this, 'PermissionsBoundary', {
      managedPolicyName: PERMISSIONS_BOUNDARY_NAME,
      description:
        'Boundary of the CloudFormation execution role and every landing-zone role: no role without it, no way out of it',
      document: iam.PolicyDocument.fromJson({
        Version: '2012-10-17',
        Statement: permissionsBoundaryStatements(options),
      }),
    });
    const execution = executionPolicyStatements(options);
    this.executionPolicy = new iam.ManagedPolicy(this, 'ExecutionPolicy', {
      managedPolicyName: EXECUTION_POLICY_NAME,
      description:
        'What CloudFormation may do deploying the landing zone here: its services, and roles only under the boundary',
      document: iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: execution }),
    });
    acknowledgeBoundary(this.permissionsBoundary);
    acknowledgeExecutionPolicy(this.executionPolicy, execution);
  }
}

/** The wildcards of a policy's Allow statements, as AwsSolutions-IAM5 names them. */
function allowedWildcards(statements: readonly Readonly<Record<string, unknown>>[]): string[] {
  const list = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : typeof value === 'string'
        ? [value]
        : [];
  return [
    ...new Set(
      statements
        .filter((st) => st['Effect'] === 'Allow')
        .flatMap((st) => [
          ...list(st['Action'])
            .filter((a) => a.includes('*'))
            .map((a) => `Action::${a}`),
          ...list(st['Resource'])
            .filter((r) => r.includes('*'))
            .map((r) => `Resource::${r}`),
        ]),
    ),
  ];
}

function acknowledgeBoundary(boundary: iam.ManagedPolicy): void {
  const reason =
    'A permissions boundary caps, it grants nothing: what a role may do comes from its own policies, each checked by ' +
    'the rule packs where the role is defined. This one allows everything those policies allow except leaving the ' +
    'boundary: creating or changing a role without it, removing it, or rewriting the deployment policies.';
  for (const id of [
    'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    'AwsSolutions::AwsSolutions-IAM5[Action::*]',
    'NIST.800.53.R5::NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess',
    'NIST.800.53.R5::NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
    'cdk-validator-cfnguard::iam_managed_policy_no_statements_with_admin_access_check',
    'cdk-validator-cfnguard::iam_managed_policy_no_statements_with_full_access_check',
  ]) {
    Validations.of(boundary).acknowledge({ id, reason });
  }
}

function acknowledgeExecutionPolicy(
  policy: iam.ManagedPolicy,
  statements: readonly Readonly<Record<string, unknown>>[],
): void {
  const reason =
    'CloudFormation creates, updates and deletes every resource of the services the landing zone deploys ' +
    '(SERVICES_OF_NAMESPACE), under names and ARNs it generates, so it needs each service whole; it is still ' +
    'denied every other service, IAM outside roles under the permissions boundary, and the delivery roles.';
  for (const wildcard of allowedWildcards(statements)) {
    Validations.of(policy).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[${wildcard}]`, reason });
  }
  for (const id of [
    'NIST.800.53.R5::NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
    'cdk-validator-cfnguard::iam_managed_policy_no_statements_with_full_access_check',
  ]) {
    Validations.of(policy).acknowledge({ id, reason });
  }
}
