import { Duration, TimeZone, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { BackupTierConfig } from '../config/schema-data-protection';
import { TAGS } from '../names';

export interface CopyDestination {
  readonly vault: backup.IBackupVault;
  readonly retentionDays: number;
  readonly moveToColdStorageAfterDays?: number;
}

export interface TierBackupPlanProps {
  readonly planName: string;
  readonly tier: BackupTierConfig;
  /** The workload account's own locked vault. */
  readonly vault: backup.IBackupVault;
  /** The backup account's vault in the home region. */
  readonly backupAccountCopy: CopyDestination;
  /** The backup account's vault in the DR region, only where data residency allows. @default - no DR copy */
  readonly drRegionCopy?: CopyDestination;
}

const IAM4_REASON =
  'AWS Backup service-role policies are maintained by AWS for every resource type it protects; ' +
  'the role can only be assumed by backup.amazonaws.com.';

/**
 * The backup plan of one tier in one workload account: a snapshot rule on the tier's London-time
 * schedule with copies to the backup account (and the DR region where allowed), a continuous
 * backup rule where the tier needs point-in-time recovery, and a selection of every resource
 * tagged backup-tier=<tier>.
 */
export class TierBackupPlan extends Construct {
  readonly plan: backup.BackupPlan;
  readonly selection: backup.BackupSelection;

  constructor(scope: Construct, id: string, props: TierBackupPlanProps) {
    super(scope, id);
    const { tier } = props;
    const copy = (destination: CopyDestination): backup.BackupPlanCopyActionProps => ({
      destinationBackupVault: destination.vault,
      deleteAfter: Duration.days(destination.retentionDays),
      moveToColdStorageAfter:
        destination.moveToColdStorageAfterDays === undefined
          ? undefined
          : Duration.days(destination.moveToColdStorageAfterDays),
    });
    const copyActions = [
      copy(props.backupAccountCopy),
      ...(props.drRegionCopy ? [copy(props.drRegionCopy)] : []),
    ];

    const rules = [
      new backup.BackupPlanRule({
        ruleName: `${tier.name}-snapshots`,
        backupVault: props.vault,
        scheduleExpression: events.Schedule.expression(tier.schedule),
        scheduleExpressionTimezone: TimeZone.EUROPE_LONDON,
        startWindow: Duration.minutes(tier.startWindowMinutes),
        completionWindow: Duration.minutes(tier.completionWindowMinutes),
        deleteAfter: Duration.days(tier.retentionDays),
        moveToColdStorageAfter:
          tier.moveToColdStorageAfterDays === undefined
            ? undefined
            : Duration.days(tier.moveToColdStorageAfterDays),
        copyActions,
        recoveryPointTags: { [TAGS.backupTier]: tier.name },
      }),
    ];
    if (tier.continuousBackup) {
      rules.push(
        new backup.BackupPlanRule({
          ruleName: `${tier.name}-continuous`,
          backupVault: props.vault,
          // Continuous backup still needs a schedule: it is when AWS Backup checks the PITR chain.
          scheduleExpression: events.Schedule.expression('cron(0 4 * * ? *)'),
          scheduleExpressionTimezone: TimeZone.EUROPE_LONDON,
          startWindow: Duration.minutes(tier.startWindowMinutes),
          completionWindow: Duration.minutes(tier.completionWindowMinutes),
          enableContinuousBackup: true,
          deleteAfter: Duration.days(tier.pointInTimeRecoveryDays),
          recoveryPointTags: { [TAGS.backupTier]: tier.name },
        }),
      );
    }
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: props.planName,
      backupPlanRules: rules,
    });

    const role = new iam.Role(this, 'SelectionRole', {
      description: `AWS Backup role for the ${props.planName} plan`,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: [
        // Backups only: restores use their own role (restore testing) or the engineer's.
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
      ],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: IAM4_REASON,
    });
    this.selection = this.plan.addSelection('Selection', {
      backupSelectionName: `${tier.name}-tagged`,
      role,
      resources: [backup.BackupResource.fromTag(TAGS.backupTier, tier.name)],
    });
  }
}
