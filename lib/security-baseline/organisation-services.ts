import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import { toRetentionDays } from '../network/log-retention';
import { pascal } from '../names';
import { DeployTimeCall } from './deploy-time-call';

/** Services the organisation trusts, and which of them the security account administers. */
export const TRUSTED_SERVICES = [
  { principal: 'cloudtrail.amazonaws.com', delegated: false },
  { principal: 'config.amazonaws.com', delegated: true },
  { principal: 'config-multiaccountsetup.amazonaws.com', delegated: true },
  { principal: 'access-analyzer.amazonaws.com', delegated: true },
  { principal: 'securityhub.amazonaws.com', delegated: false },
  { principal: 'guardduty.amazonaws.com', delegated: false },
] as const;

/** Organization policy types the baseline attaches, enabled on the root. */
export const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'] as const;

export interface OrganisationServicesProps {
  readonly prefix: string;
  readonly rootId: string;
  readonly securityAccountId: string;
  /** Regions where GuardDuty and Security Hub are administered by the security account. */
  readonly regions: readonly string[];
  /** Retention of the deploy-time function's log, in days. */
  readonly logRetentionDays: number;
}

/** What enabling a service's organisation administrator needs from AWS Organizations. */
const DELEGATION_ACTIONS = [
  'organizations:EnableAWSServiceAccess',
  'organizations:RegisterDelegatedAdministrator',
  'organizations:ListDelegatedAdministrators',
  'organizations:ListAWSServiceAccessForOrganization',
  'organizations:DescribeOrganization',
];

const ORGANIZATIONS_WILDCARD_REASON =
  'AWS Organizations has one organisation per management account and its trusted-access, delegated-administrator ' +
  'and policy-type actions take no resource ARN; the function makes only this one call at deploy time.';

/**
 * What only the management account can do for the detection services: trust them in AWS
 * Organizations, enable the SCP and tag policy types on the root, and make the security account
 * the delegated administrator of GuardDuty and Security Hub in every baseline region, and of AWS
 * Config and IAM Access Analyzer. CloudFormation has a resource type only for the Security Hub
 * administrator (AWS::SecurityHub::DelegatedAdmin, home region here); every other step is one
 * AWS API call at deploy time (AwsCustomResource), never undone on delete.
 */
export class OrganisationServices extends Construct {
  constructor(scope: Construct, id: string, props: OrganisationServicesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const logs = new EncryptedLogGroup(this, 'Logs', {
      logGroupName: `/${props.prefix}/organisation-services`,
      retentionDays: toRetentionDays(props.logRetentionDays),
      purpose: 'organisation set-up calls',
    });
    const call = (
      callId: string,
      resourceType: string,
      sdk: cr.AwsSdkCall,
      actions: string[],
    ): DeployTimeCall =>
      new DeployTimeCall(this, callId, {
        resourceType,
        call: { ...sdk, physicalResourceId: cr.PhysicalResourceId.of(`${props.prefix}-${callId}`) },
        statements: [new iam.PolicyStatement({ actions, resources: ['*'] })],
        logGroup: logs.logGroup,
        wildcardReason: ORGANIZATIONS_WILDCARD_REASON,
      });

    const trusted = TRUSTED_SERVICES.map(({ principal }) =>
      call(
        `Trust${pascal(principal.split('.')[0] ?? principal)}`,
        'Custom::OrganizationsTrustedAccess',
        {
          service: 'Organizations',
          action: 'enableAWSServiceAccess',
          parameters: { ServicePrincipal: principal },
          region: 'us-east-1',
        },
        ['organizations:EnableAWSServiceAccess'],
      ),
    );
    for (const policyType of POLICY_TYPES) {
      call(
        `Enable${pascal(policyType.toLowerCase().replace(/_/g, '-'))}`,
        'Custom::OrganizationsPolicyType',
        {
          service: 'Organizations',
          action: 'enablePolicyType',
          parameters: { RootId: props.rootId, PolicyType: policyType },
          region: 'us-east-1',
          // Already enabled (by hand, or by another tool) is the state we want.
          ignoreErrorCodesMatching: 'PolicyTypeAlreadyEnabledException',
        },
        ['organizations:EnablePolicyType', 'organizations:DescribeOrganization'],
      );
    }
    for (const { principal } of TRUSTED_SERVICES.filter((s) => s.delegated)) {
      const registration = call(
        `Delegate${pascal(principal.split('.')[0] ?? principal)}`,
        'Custom::OrganizationsDelegatedAdministrator',
        {
          service: 'Organizations',
          action: 'registerDelegatedAdministrator',
          parameters: { AccountId: props.securityAccountId, ServicePrincipal: principal },
          region: 'us-east-1',
          ignoreErrorCodesMatching: 'AccountAlreadyRegisteredException',
        },
        ['organizations:RegisterDelegatedAdministrator', 'organizations:DescribeOrganization'],
      );
      trusted.forEach((t) => {
        registration.node.addDependency(t);
      });
    }
    for (const region of props.regions) {
      const guardDuty = call(
        `GuardDutyAdministrator${pascal(region)}`,
        'Custom::GuardDutyOrganizationAdmin',
        {
          service: 'GuardDuty',
          action: 'enableOrganizationAdminAccount',
          parameters: { AdminAccountId: props.securityAccountId },
          region,
        },
        ['guardduty:EnableOrganizationAdminAccount', ...DELEGATION_ACTIONS],
      );
      trusted.forEach((t) => {
        guardDuty.node.addDependency(t);
      });
      if (region === stack.region) {
        const securityHub = new securityhub.CfnDelegatedAdmin(this, 'SecurityHubAdministrator', {
          adminAccountId: props.securityAccountId,
        });
        trusted.forEach((t) => {
          securityHub.node.addDependency(t);
        });
      } else {
        const securityHub = call(
          `SecurityHubAdministrator${pascal(region)}`,
          'Custom::SecurityHubOrganizationAdmin',
          {
            service: 'SecurityHub',
            action: 'enableOrganizationAdminAccount',
            parameters: { AdminAccountId: props.securityAccountId },
            region,
          },
          ['securityhub:EnableOrganizationAdminAccount', ...DELEGATION_ACTIONS],
        );
        trusted.forEach((t) => {
          securityHub.node.addDependency(t);
        });
      }
    }
  }
}
