import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { alarmDescription, type AlarmOwnership, type RunbookKind } from './runbooks';
import { insightsQuery, signalAlarm } from './signal-alarm';

export interface BackupVaultAlarmsProps {
  readonly namePrefix: string;
  /** The workload account's vault, which every tier plan of the account writes into. */
  readonly vaultName: string;
  /** The backup plans writing into it, named in every description so each plan is traceable. */
  readonly planNames: readonly string[];
  readonly ownership: AlarmOwnership;
  /** The account's rota topic. */
  readonly topic: sns.ITopic;
}

/** AWS Backup publishes job counts as they happen; an hour gathers a night's schedule. */
const PERIOD_SECONDS = 3600;

/**
 * AWS Backup trouble in one workload account: backup jobs that failed or expired (never started in
 * their window), and copy jobs to the backup account or the DR region that failed. AWS Backup counts
 * jobs per vault, not per plan, so the alarms watch the vault every tier plan of the account writes
 * into and name those plans. One composite alarm pages the rota.
 */
export class BackupVaultAlarms extends Construct {
  readonly service: cloudwatch.CompositeAlarm;

  constructor(scope: Construct, id: string, props: BackupVaultAlarmsProps) {
    super(scope, id);
    const { namePrefix, vaultName, ownership } = props;
    if (!/^[A-Za-z0-9_-]+$/.test(vaultName)) {
      throw new Error(
        `BackupVaultAlarms: vault name ${vaultName} cannot be used in a Metrics Insights query`,
      );
    }
    const serviceName = `${namePrefix}-backup-${vaultName}-service`;
    const plans = props.planNames.join(', ');
    const signals: [string, string, string, RunbookKind, string][] = [
      ['JobsFailed', 'jobs-failed', 'NumberOfBackupJobsFailed', 'backup-jobs-failed', 'a backup job failed'],
      [
        'JobsExpired',
        'jobs-expired',
        'NumberOfBackupJobsExpired',
        'backup-jobs-expired',
        'a backup job expired without starting',
      ],
      [
        'CopiesFailed',
        'copies-failed',
        'NumberOfCopyJobsFailed',
        'backup-copies-failed',
        'a copy to the backup account or the DR region failed',
      ],
    ];
    const alarms = signals.map(([cid, signal, metric, kind, what]) =>
      signalAlarm(this, cid, {
        alarmName: `${namePrefix}-backup-${vaultName}-${signal}`,
        description: alarmDescription(`Vault ${vaultName}: ${what} (plans ${plans}).`, ownership, kind),
        metric: insightsQuery(
          `SELECT SUM(${metric}) FROM "AWS/Backup" WHERE BackupVaultName = '${vaultName}'`,
          PERIOD_SECONDS,
        ),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluation: { periodSeconds: PERIOD_SECONDS, evaluationPeriods: 1, datapointsToAlarm: 1 },
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        notifiedBy: serviceName,
      }),
    );
    this.service = new cloudwatch.CompositeAlarm(this, 'Service', {
      compositeAlarmName: serviceName,
      alarmDescription: alarmDescription(
        `Backups of vault ${vaultName} are failing (plans ${plans}).`,
        ownership,
        'backup-jobs-failed',
      ),
      alarmRule: cloudwatch.AlarmRule.anyOf(
        ...alarms.map((a) => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM)),
      ),
    });
    const rota = new actions.SnsAction(props.topic);
    this.service.addAlarmAction(rota);
    this.service.addOkAction(rota);
  }
}
