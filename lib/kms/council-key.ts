import { Duration, Lazy, RemovalPolicy, Stack, type IAspect } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct, IConstruct } from 'constructs';
import { KEY_DELETION_WINDOW_DAYS, KEY_DESTRUCTION_ACTIONS } from './key-protection';

export interface CouncilKeyProps {
  /** What the key encrypts, for whoever reads the key list. */
  readonly description: string;
  /** Yearly rotation of the key material. @default true */
  readonly enableKeyRotation?: boolean;
  /**
   * RETAIN keeps the key when its stack is deleted, so what it encrypted (snapshots, logs,
   * recovery points) stays readable. @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /** An alias such as `alias/kvdc-ebs-default`. @default - no alias */
  readonly alias?: string;
}

/**
 * A customer-managed KMS key with the council's defaults: rotation on, retained with its stack
 * gone, and the longest deletion waiting period (30 days). Its policy is completed by the
 * KeyAdministration aspect, which every app applies (administration by named roles, use by the
 * account, destruction by break-glass only).
 */
export function councilKey(scope: Construct, id: string, props: CouncilKeyProps): kms.Key {
  return new kms.Key(scope, id, {
    description: props.description,
    enableKeyRotation: props.enableKeyRotation ?? true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(KEY_DELETION_WINDOW_DAYS),
    ...(props.alias === undefined ? {} : { alias: props.alias }),
  });
}

/**
 * What key administrators may do (AWS's default key-administrator actions, reads aside): create
 * aliases and grants, enable, disable, re-write, tag, schedule or cancel deletion. Only the
 * CloudFormation execution role (deployments) and the break-glass role are administrators.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:Create*',
  'kms:Enable*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
] as const;

/** What the account's principals may do with a key when their IAM policies allow it: use it. */
export const KEY_USE_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:CreateGrant',
] as const;

/** Reads of a key's metadata (AWS Config, Security Hub and the consoles need them). */
export const KEY_READ_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
] as const;

export interface KeyAdministrationProps {
  /** The role that alone may schedule deletion, disable or re-write a key (securityBaseline.breakGlass.roleName). */
  readonly breakGlassRoleName: string;
  /**
   * The ArnLike pattern of the role CloudFormation deploys with in an account (the CDK bootstrap's
   * execution role), the only other key administrator. Given by the app, which knows the bootstrap.
   */
  readonly executionRoleArnPattern: (account: string, partition: string) => string;
}

/** The ARN of a role of the key's own account. */
function roleArn(stack: Stack, name: string): string {
  return `arn:${stack.partition}:iam::${stack.account}:role/${name}`;
}

/** The key policy statements that replace the CDK's default `kms:*` to the account root. */
export function keyAdministrationStatements(
  stack: Stack,
  props: KeyAdministrationProps,
): iam.PolicyStatement[] {
  const root = new iam.AccountRootPrincipal();
  const breakGlass = roleArn(stack, props.breakGlassRoleName);
  return [
    new iam.PolicyStatement({
      sid: 'KeyAdministrationByDeploymentsAndBreakGlass',
      principals: [root],
      actions: [...KEY_ADMINISTRATION_ACTIONS],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'aws:PrincipalArn': [props.executionRoleArnPattern(stack.account, stack.partition), breakGlass],
        },
      },
    }),
    new iam.PolicyStatement({
      sid: 'KeyUseByThisAccountThroughIam',
      principals: [root],
      actions: [...KEY_USE_ACTIONS],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'KeyReadByThisAccountThroughIam',
      principals: [root],
      actions: [...KEY_READ_ACTIONS],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'DenyKeyDestructionExceptBreakGlass',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [...KEY_DESTRUCTION_ACTIONS],
      resources: ['*'],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': breakGlass } },
    }),
  ];
}

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** The CDK's default key statement: everything to the account root, unconditionally. */
function isDefaultRootStatement(statement: Json, stack: Stack): boolean {
  const actions = [statement['Action']].flat();
  const principal = JSON.stringify(record(statement['Principal'])['AWS'] ?? '');
  return (
    statement['Effect'] === 'Allow' &&
    actions.length === 1 &&
    actions[0] === 'kms:*' &&
    statement['Condition'] === undefined &&
    principal.includes(`${stack.account}:root`)
  );
}

/**
 * A grant to an AWS service with no condition (aws-cdk-lib writes them, e.g. when a topic lets
 * AWS Backup or EventBridge publish) lets that service use the key on behalf of any account: the
 * confused-deputy problem. Such a grant is tied to the key's own account.
 */
function withSourceAccount(statement: Json, stack: Stack): Json {
  const service = record(statement['Principal'])['Service'];
  if (statement['Effect'] !== 'Allow' || service === undefined || statement['Condition'] !== undefined) {
    return statement;
  }
  return { ...statement, Condition: { StringEquals: { 'aws:SourceAccount': stack.account } } };
}

const ADMINISTERED = new WeakSet<kms.CfnKey>();

/**
 * Gives every KMS key in its scope the council's key policy: the CDK's default `kms:*` to the
 * account root is replaced by administration for the CloudFormation execution role and the
 * break-glass role, use and reads for the account's principals through IAM, unconditioned grants
 * to AWS services tied to the account (aws:SourceAccount), and a deny of
 * kms:ScheduleKeyDeletion, kms:DisableKey and kms:PutKeyPolicy to everyone but break-glass (as the
 * protect-recovery guardrail does, but also where no SCP applies). Applied to every key, including
 * those aws-cdk-lib creates itself, so no key escapes it; the DataProtection-KeyPolicyLeastPrivilege
 * and DataProtection-KeyDeletionProtected rules check the result.
 *
 * The policy deliberately stops its creator (the execution role) re-writing it, which KMS's policy
 * lockout safety check would refuse, so the check is bypassed: the break-glass role can still
 * change the policy, through CloudFormation (docs/security-baseline.md, "Break glass").
 */
export class KeyAdministration implements IAspect {
  constructor(private readonly props: KeyAdministrationProps) {}

  visit(node: IConstruct): void {
    // Once per key, whichever app, stage or stack applied the aspect.
    if (!(node instanceof kms.CfnKey) || ADMINISTERED.has(node)) {
      return;
    }
    ADMINISTERED.add(node);
    const stack = Stack.of(node);
    const original: unknown = node.keyPolicy;
    const statements: unknown[] = keyAdministrationStatements(stack, this.props).map((s): unknown =>
      s.toStatementJson(),
    );
    node.keyPolicy = Lazy.any({
      produce: () => {
        const document = record(stack.resolve(original));
        const kept = [document['Statement'] ?? []]
          .flat()
          .map(record)
          .filter((s) => !isDefaultRootStatement(s, stack))
          .map((s) => withSourceAccount(s, stack));
        return { ...document, Version: '2012-10-17', Statement: [...statements, ...kept] };
      },
    });
    node.bypassPolicyLockoutSafetyCheck = true;
    node.pendingWindowInDays ??= KEY_DELETION_WINDOW_DAYS;
  }
}
