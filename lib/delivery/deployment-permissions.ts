/*
 * What CloudFormation may do when it deploys the landing zone into an account, instead of the
 * AdministratorAccess a default `cdk bootstrap` gives its execution role (docs/delivery.md, step 2):
 *
 * - `lz-cfn-execution`, the execution policy the bootstrap names: the services whose resource
 *   types the landing zone deploys (SERVICES_OF_NAMESPACE below), IAM only for roles that carry the
 *   boundary, and organisation policies only in the management account;
 * - `lz-permissions-boundary`, the boundary on the execution role (`--custom-permissions-boundary`)
 *   and on every role the stacks create (stacks/landing-zone-stack.ts): whoever holds a role under
 *   it cannot make a role without it, take it off, or rewrite these two policies. A pipeline or a
 *   Lambda function that is taken over cannot mint itself an unbounded administrator.
 *
 * The deployment-permissions stacks of the GitHub OIDC app create both in every account
 * (stacks/deployment-permissions-stack.ts), and the deployment check's execution-permissions check reads every
 * synthesised template against them: a resource type no policy covers, or a role without the
 * boundary, fails the gate rather than the deployment.
 */
import type { AccountRole } from '../config/schema';

export const EXECUTION_POLICY_NAME = 'lz-cfn-execution';
export const PERMISSIONS_BOUNDARY_NAME = 'lz-permissions-boundary';

/**
 * The IAM service prefixes a CloudFormation namespace's resources need: the namespace's own and
 * the ones its resource handlers call on the way (a vault's storage, a flow log's delivery). A
 * namespace that is not here cannot be deployed: the gate names the resource and points here.
 * IAM and Organizations are absent on purpose: the policy grants them statement by statement.
 */
export const SERVICES_OF_NAMESPACE: Readonly<Record<string, readonly string[]>> = {
  'AWS::AccessAnalyzer': ['access-analyzer'],
  'AWS::Backup': ['backup', 'backup-storage'],
  'AWS::CloudTrail': ['cloudtrail'],
  'AWS::CloudWatch': ['cloudwatch'],
  'AWS::CodeBuild': ['codebuild'],
  'AWS::CodePipeline': ['codepipeline'],
  'AWS::CodeStarConnections': ['codestar-connections', 'codeconnections'],
  'AWS::Config': ['config'],
  'AWS::DMS': ['dms'],
  'AWS::EC2': ['ec2'],
  'AWS::Events': ['events'],
  'AWS::GuardDuty': ['guardduty'],
  'AWS::KMS': ['kms'],
  'AWS::KinesisFirehose': ['firehose'],
  'AWS::Lambda': ['lambda'],
  'AWS::Logs': ['logs'],
  'AWS::MGN': ['mgn'],
  'AWS::NetworkFirewall': ['network-firewall'],
  'AWS::RAM': ['ram'],
  'AWS::RDS': ['rds'],
  'AWS::Route53Resolver': ['route53resolver'],
  'AWS::S3': ['s3'],
  'AWS::SNS': ['sns'],
  'AWS::SQS': ['sqs'],
  'AWS::SSM': ['ssm'],
  'AWS::Scheduler': ['scheduler'],
  'AWS::SecretsManager': ['secretsmanager'],
  'AWS::SecurityHub': ['securityhub'],
  // CloudFormation invokes a custom resource's Lambda function (its service token).
  'AWS::CloudFormation': ['lambda'],
  Custom: ['lambda'],
  // The CDK's version report: no API call.
  'AWS::CDK': [],
  // Statement by statement below.
  'AWS::IAM': [],
  'AWS::Organizations': [],
};

/** The resource types only the management account's policy covers. */
const MANAGEMENT_ONLY_NAMESPACES = ['AWS::Organizations'];

/** The namespace of a resource type: `AWS::EC2` of `AWS::EC2::VPC`, `Custom` of `Custom::X`. */
export function namespaceOf(type: string): string {
  return type.startsWith('Custom::') ? 'Custom' : type.split('::').slice(0, 2).join('::');
}

/** Why the account's execution policy does not cover a resource type, or undefined when it does. */
export function uncoveredReason(type: string, accountRole: AccountRole): string | undefined {
  const namespace = namespaceOf(type);
  if (SERVICES_OF_NAMESPACE[namespace] === undefined) {
    return `${namespace} is not in SERVICES_OF_NAMESPACE (lib/delivery/deployment-permissions.ts), so ${EXECUTION_POLICY_NAME} does not allow it`;
  }
  if (MANAGEMENT_ONLY_NAMESPACES.includes(namespace) && accountRole !== 'management') {
    return `${EXECUTION_POLICY_NAME} allows ${namespace} only in the management account, not a ${accountRole} account`;
  }
  return undefined;
}

/** The ARN of a customer-managed policy of this project in an account. */
export function policyArn(partition: string, account: string, name: string): string {
  return `arn:${partition}:iam::${account}:policy/${name}`;
}

export interface DeploymentPermissionsOptions {
  readonly partition: string;
  readonly account: string;
  readonly accountRole: AccountRole;
  /**
   * Roles the stacks never manage, whose trust and policies the execution role must not touch:
   * the CDK bootstrap roles, the GitHub OIDC roles (patterns, `*` allowed).
   */
  readonly protectedRoleNames: readonly string[];
}

type Statement = Readonly<Record<string, unknown>>;

/** The IAM actions whose `iam:PermissionsBoundary` key names the boundary of the role acted on. */
const BOUNDARY_KEYED_ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
];

/** The boundary's statements: allow what the role's own policies allow, except escaping the boundary. */
export function permissionsBoundaryStatements(options: DeploymentPermissionsOptions): Statement[] {
  const boundary = policyArn(options.partition, options.account, PERMISSIONS_BOUNDARY_NAME);
  return [
    { Sid: 'WhatTheRolesOwnPoliciesAllow', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      // A role under the boundary can make or change roles only under the same boundary.
      Sid: 'NoRoleWithoutThisBoundary',
      Effect: 'Deny',
      Action: [...BOUNDARY_KEYED_ROLE_ACTIONS, 'iam:CreateUser', 'iam:PutUserPermissionsBoundary'],
      Resource: '*',
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': boundary } },
    },
    {
      Sid: 'NoBoundaryRemoved',
      Effect: 'Deny',
      Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
      Resource: '*',
    },
    {
      Sid: 'NoChangeToTheDeploymentPolicies',
      Effect: 'Deny',
      Action: [
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
      ],
      Resource: [boundary, policyArn(options.partition, options.account, EXECUTION_POLICY_NAME)],
    },
  ];
}

/** The services the account's execution policy allows in full, sorted. */
export function allowedServices(accountRole: AccountRole): string[] {
  const namespaces = Object.keys(SERVICES_OF_NAMESPACE).filter(
    (ns) => !MANAGEMENT_ONLY_NAMESPACES.includes(ns) || accountRole === 'management',
  );
  return [...new Set(namespaces.flatMap((ns) => SERVICES_OF_NAMESPACE[ns] ?? []))].sort();
}

/** The execution policy's statements for one account. */
export function executionPolicyStatements(options: DeploymentPermissionsOptions): Statement[] {
  const { partition, account } = options;
  const boundary = policyArn(partition, account, PERMISSIONS_BOUNDARY_NAME);
  const roles = `arn:${partition}:iam::${account}:role/*`;
  const policies = `arn:${partition}:iam::${account}:policy/*`;
  const statements: Statement[] = [
    {
      Sid: 'TheServicesTheLandingZoneDeploys',
      Effect: 'Allow',
      Action: allowedServices(options.accountRole).map((service) => `${service}:*`),
      Resource: '*',
    },
    {
      // Resource handlers that work across the organisation (RAM shares, the Config aggregator,
      // Security Hub's central configuration) read it; nothing here changes it.
      Sid: 'ReadTheOrganisation',
      Effect: 'Allow',
      Action: ['organizations:Describe*', 'organizations:List*'],
      Resource: '*',
    },
    {
      Sid: 'RolesOnlyUnderTheBoundary',
      Effect: 'Allow',
      Action: BOUNDARY_KEYED_ROLE_ACTIONS,
      Resource: roles,
      Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
    },
    {
      Sid: 'ManageTheStacksRolesAndPolicies',
      Effect: 'Allow',
      Action: [
        'iam:CreatePolicy',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:DeleteRole',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListAttachedRolePolicies',
        'iam:ListEntitiesForPolicy',
        'iam:ListInstanceProfilesForRole',
        'iam:ListPolicyTags',
        'iam:ListPolicyVersions',
        'iam:ListRolePolicies',
        'iam:ListRoleTags',
        'iam:PassRole',
        'iam:SetDefaultPolicyVersion',
        'iam:TagPolicy',
        'iam:TagRole',
        'iam:UntagPolicy',
        'iam:UntagRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
      ],
      Resource: [roles, policies],
    },
    {
      // GuardDuty, Config, Backup, RDS, DMS and Network Firewall create their own on first use.
      Sid: 'ServiceLinkedRoles',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole', 'iam:GetServiceLinkedRoleDeletionStatus'],
      Resource: `arn:${partition}:iam::${account}:role/aws-service-role/*`,
    },
  ];
  if (options.accountRole === 'management') {
    statements.push({
      // AWS::Organizations::Policy (the guardrails and their targets), and the service access and
      // delegated administrators AWS::SecurityHub::DelegatedAdmin's handler registers.
      Sid: 'TheOrganisationsPolicies',
      Effect: 'Allow',
      Action: [
        'organizations:AttachPolicy',
        'organizations:CreatePolicy',
        'organizations:DeletePolicy',
        'organizations:DeregisterDelegatedAdministrator',
        'organizations:DetachPolicy',
        'organizations:EnableAWSServiceAccess',
        'organizations:RegisterDelegatedAdministrator',
        'organizations:TagResource',
        'organizations:UntagResource',
        'organizations:UpdatePolicy',
      ],
      Resource: '*',
    });
  }
  statements.push(
    {
      // What deploys the landing zone, and the one-time roles beside it, are not the stacks' to change.
      Sid: 'NotTheDeliveryRoles',
      Effect: 'Deny',
      Action: ['iam:*'],
      Resource: options.protectedRoleNames.map((name) => `arn:${partition}:iam::${account}:role/${name}`),
    },
    {
      Sid: 'NotTheDeploymentPolicies',
      Effect: 'Deny',
      Action: ['iam:*'],
      Resource: [boundary, policyArn(partition, account, EXECUTION_POLICY_NAME)],
    },
  );
  return statements;
}
