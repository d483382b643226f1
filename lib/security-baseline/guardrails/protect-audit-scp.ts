import type { SecurityBaselineModel } from '../model';
import type { GuardrailPrincipals } from './principals';
import type { ServiceControlPolicy } from './service-control-policy';

/** Turning detection off, or leaving its administration: only the break-glass role may. */
export const STOP_DETECTION_ACTIONS: readonly string[] = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'config:StopConfigurationRecorder',
  'ec2:DisableEbsEncryptionByDefault',
  'guardduty:DeleteDetector',
  'guardduty:DeleteMembers',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:DisassociateMembers',
  'guardduty:StopMonitoringMembers',
  's3:DeleteAccountPublicAccessBlock',
  'securityhub:DeleteMembers',
  'securityhub:DisableSecurityHub',
  'securityhub:DisassociateFromAdministratorAccount',
  'securityhub:DisassociateFromMasterAccount',
  'securityhub:DisassociateMembers',
];

/**
 * Deleting or reconfiguring what the baseline deploys (recorders, delivery channels, rules, flow
 * logs, archive subscriptions, analyzers): the stack deployments do this as the CloudFormation
 * execution role, so it is exempt as well as the break-glass role; nobody else may.
 */
export const CHANGE_DETECTION_ACTIONS: readonly string[] = [
  'access-analyzer:DeleteAnalyzer',
  'config:DeleteAggregationAuthorization',
  'config:DeleteConfigRule',
  'config:DeleteConfigurationAggregator',
  'config:DeleteConfigurationRecorder',
  'config:DeleteConformancePack',
  'config:DeleteDeliveryChannel',
  'config:PutConfigurationRecorder',
  'config:PutDeliveryChannel',
  'ec2:DeleteFlowLogs',
  'guardduty:UpdateDetector',
  'logs:DeleteSubscriptionFilter',
];

/** Changing the alarm rules (forwarders and central rules), which all carry the baseline's prefix. */
const ALARM_RULE_ACTIONS = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
];

/** Rewriting who a guarded role trusts or what it may do would turn it into a way round the guardrails. */
const ROLE_CHANGE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
];

/**
 * Keep the audit trail and detection on: no account leaves the organisation, turns off CloudTrail,
 * Config, GuardDuty, Security Hub or the hygiene defaults, deletes flow logs or archive
 * subscriptions, changes the alarm rules, or rewrites the break-glass and CDK bootstrap roles; and
 * only the CDK deploy role may hand the CloudFormation execution role to CloudFormation, so the
 * execution role's exemptions cannot be borrowed by anyone who can create a stack.
 */
export function protectAuditScp(
  model: SecurityBaselineModel,
  principals: GuardrailPrincipals,
): ServiceControlPolicy {
  const breakGlassOnly = { ArnNotLike: { 'aws:PrincipalArn': [principals.breakGlass] } };
  const deploymentOrBreakGlass = {
    ArnNotLike: { 'aws:PrincipalArn': [principals.breakGlass, principals.cfnExecRole] },
  };
  return {
    name: 'protect-audit',
    description:
      'Deny leaving the organisation, stopping or changing CloudTrail, Config, GuardDuty, Security Hub, flow logs, archive subscriptions and alarms',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyLeavingOrganisation',
          Effect: 'Deny',
          Action: 'organizations:LeaveOrganization',
          Resource: '*',
        },
        {
          Sid: 'DenyStoppingDetection',
          Effect: 'Deny',
          Action: STOP_DETECTION_ACTIONS,
          Resource: '*',
          Condition: breakGlassOnly,
        },
        {
          Sid: 'DenyChangingDetection',
          Effect: 'Deny',
          Action: CHANGE_DETECTION_ACTIONS,
          Resource: '*',
          Condition: deploymentOrBreakGlass,
        },
        {
          Sid: 'DenyChangingAlarmRules',
          Effect: 'Deny',
          Action: ALARM_RULE_ACTIONS,
          Resource: `arn:aws:events:*:*:rule/${model.ruleNamePrefix}*`,
          Condition: {
            ArnNotLike: {
              'aws:PrincipalArn': [principals.breakGlass, principals.cfnExecRole, principals.deployTimeCalls],
            },
          },
        },
        {
          Sid: 'DenyChangingGuardrailRoles',
          Effect: 'Deny',
          Action: ROLE_CHANGE_ACTIONS,
          Resource: [principals.breakGlass, principals.deployTimeCalls, principals.bootstrapRoles],
          Condition: deploymentOrBreakGlass,
        },
        {
          Sid: 'DenyPassingBreakGlassRole',
          Effect: 'Deny',
          Action: 'iam:PassRole',
          Resource: principals.breakGlass,
          Condition: breakGlassOnly,
        },
        {
          Sid: 'DenyPassingExecutionRole',
          Effect: 'Deny',
          Action: 'iam:PassRole',
          Resource: principals.cfnExecRole,
          Condition: { ArnNotLike: { 'aws:PrincipalArn': [principals.breakGlass, principals.deployRole] } },
        },
      ],
    },
  };
}
