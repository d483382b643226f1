import { Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TAGS } from '../names';

/** Tuesday mornings, so the on-call engineer sees the result in working hours. */
export const RESTORE_TEST_SCHEDULES = {
  weekly: { expression: 'cron(0 5 ? * TUE *)', description: 'weekly, Tuesday 05:00' },
  monthly: { expression: 'cron(0 5 ? * TUE#1 *)', description: 'monthly, first Tuesday 05:00' },
} as const;

export type RestoreTestFrequency = keyof typeof RESTORE_TEST_SCHEDULES;

export interface TierRestoreTestingProps {
  readonly planName: string;
  /** The tier's name: instances tagged `backup-tier=<tierName>` are restored. */
  readonly tierName: string;
  /** How often a recent recovery point is restored. @default 'monthly' */
  readonly frequency?: RestoreTestFrequency;
  /** How long the restored copy is kept for validation before AWS Backup deletes it. @default 4 */
  readonly validationWindowHours?: number;
  readonly vault: backup.IBackupVault;
  /** DB subnet group the restored instance is placed in (isolated subnets). @default - the account's default */
  readonly dbSubnetGroupName?: string;
  /** Security groups of the restored instance, with no inbound rules. @default - the VPC's default */
  readonly securityGroupIds?: readonly string[];
}

/**
 * A restore testing plan per tier: AWS Backup restores the latest recovery point of an RDS
 * instance tagged with the tier, keeps it for the validation window, and deletes it; results feed
 * the Backup Audit Manager and show whether the RTO assumed by the DR check holds.
 */
export class TierRestoreTesting extends Construct {
  readonly plan: backup.CfnRestoreTestingPlan;
  readonly selection: backup.CfnRestoreTestingSelection;

  constructor(scope: Construct, id: string, props: TierRestoreTestingProps) {
    super(scope, id);
    const tier = props.tierName;
    // Restore testing plan names allow letters, digits and underscores only.
    const planName = props.planName.replace(/-/g, '_');
    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: planName,
      scheduleExpression: RESTORE_TEST_SCHEDULES[props.frequency ?? 'monthly'].expression,
      scheduleExpressionTimezone: 'Europe/London',
      startWindowHours: 4,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [props.vault.backupVaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: 7,
      },
    });
    const role = new iam.Role(this, 'Role', {
      description: `AWS Backup restore testing for the ${tier} tier`,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
      ],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      reason:
        'The AWS-maintained restore policy covers every resource type AWS Backup can restore; only backup.amazonaws.com can assume the role.',
    });
    const overrides: Record<string, string> = {};
    if (props.dbSubnetGroupName !== undefined) {
      overrides['dbSubnetGroupName'] = props.dbSubnetGroupName;
    }
    if (props.securityGroupIds !== undefined && props.securityGroupIds.length > 0) {
      // RDS restore metadata takes the security groups as a JSON array in a string (keys are case-insensitive).
      overrides['vpcSecurityGroupIds'] = `[${props.securityGroupIds.map((id) => `"${id}"`).join(',')}]`;
    }
    this.selection = new backup.CfnRestoreTestingSelection(this, 'Selection', {
      restoreTestingPlanName: this.plan.restoreTestingPlanName,
      restoreTestingSelectionName: `${tier.replace(/-/g, '_')}_rds`,
      protectedResourceType: 'RDS',
      iamRoleArn: role.roleArn,
      protectedResourceArns: ['*'],
      protectedResourceConditions: {
        stringEquals: [{ key: `aws:ResourceTag/${TAGS.backupTier}`, value: tier }],
      },
      restoreMetadataOverrides: Object.keys(overrides).length > 0 ? overrides : undefined,
      validationWindowHours: props.validationWindowHours ?? 4,
    });
    this.selection.addResourceDependency(this.plan);
  }
}
