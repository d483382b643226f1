import { TimeZone, Validations, type Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TAGS } from '../names';

export interface CopyDestination {
  readonly vault: backup.IBackupVault;
  /** How long the copy is kept. */
  readonly deleteAfter: Duration;
  /** @default - the copy stays in warm storage */
  readonly moveToColdStorageAfter?: Duration;
}

export interface TierBackupPlanProps {
  readonly planName: string;
  /** The tier's name: it names the rules, and is the `backup-tier` tag the plan selects on and writes on recovery points. */
  readonly tierName: string;
  /** When snapshots start. */
  readonly schedule: events.Schedule;
  /** The time zone of the schedule. @default TimeZone.EUROPE_LONDON (01:00 stays 01:00 across BST) */
  readonly scheduleTimeZone?: TimeZone;
  /** How long after the scheduled time a job may start. */
  readonly startWindow: Duration;
  /** How long after the scheduled time a job must finish. */
  readonly completionWindow: Duration;
  /** How long snapshot recovery points are kept in the account's vault. */
  readonly deleteAfter: Duration;
  /** @default - snapshots stay in warm storage */
  readonly moveToColdStorageAfter?: Duration;
  /** AWS Backup continuous backup (point-in-time recovery held in the vault) for this long. @default - none */
  readonly continuousBackupRetention?: Duration;
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
    const tier = props.tierName;
    const timeZone = props.scheduleTimeZone ?? TimeZone.EUROPE_LONDON;
    const copy = (destination: CopyDestination): backup.BackupPlanCopyActionProps => ({
      destinationBackupVault: destination.vault,
      deleteAfter: destination.deleteAfter,
      moveToColdStorageAfter: destination.moveToColdStorageAfter,
    });
    const copyActions = [
      copy(props.backupAccountCopy),
      ...(props.drRegionCopy ? [copy(props.drRegionCopy)] : []),
    ];

    const rules = [
      new backup.BackupPlanRule({
        ruleName: `${tier}-snapshots`,
        backupVault: props.vault,
        scheduleExpression: props.schedule,
        scheduleExpressionTimezone: timeZone,
        startWindow: props.startWindow,
        completionWindow: props.completionWindow,
        deleteAfter: props.deleteAfter,
        moveToColdStorageAfter: props.moveToColdStorageAfter,
        copyActions,
        recoveryPointTags: { [TAGS.backupTier]: tier },
      }),
    ];
    if (props.continuousBackupRetention !== undefined) {
      rules.push(
        new backup.BackupPlanRule({
          ruleName: `${tier}-continuous`,
          backupVault: props.vault,
          // Continuous backup still needs a schedule: it is when AWS Backup checks the PITR chain.
          scheduleExpression: events.Schedule.expression('cron(0 4 * * ? *)'),
          scheduleExpressionTimezone: timeZone,
          startWindow: props.startWindow,
          completionWindow: props.completionWindow,
          enableContinuousBackup: true,
          deleteAfter: props.continuousBackupRetention,
          recoveryPointTags: { [TAGS.backupTier]: tier },
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
      backupSelectionName: `${tier}-tagged`,
      role,
      resources: [backup.BackupResource.fromTag(TAGS.backupTier, tier)],
    });
  }
}
