import * as backup from 'aws-cdk-lib/aws-backup';
import { Construct } from 'constructs';

export interface BackupAuditFrameworkProps {
  readonly frameworkName: string;
  /** Shortest retention of any tier, for the minimum-retention control. */
  readonly minimumRetentionDays: number;
  /** Longest gap between recovery points of any tier, in hours (the last-recovery-point control). */
  readonly maximumRecoveryPointAgeHours: number;
  /** The backup account, which must hold a copy of every protected resource. */
  readonly backupAccountId: string;
  /** The DR region, when copies there are allowed. @default - no cross-region control */
  readonly drRegion?: string;
}

interface Control {
  readonly name: string;
  readonly parameters?: Record<string, string>;
  readonly resourceTypes?: readonly string[];
}

/**
 * A Backup Audit Manager framework that evaluates, continuously and from AWS Config, what the DR
 * check assumes at synth time: every RDS database is in a plan, encrypted, recent, locked, copied
 * to the backup account and, where allowed, to the DR region. Needs AWS Config recording.
 */
export class BackupAuditFramework extends Construct {
  readonly framework: backup.CfnFramework;

  constructor(scope: Construct, id: string, props: BackupAuditFrameworkProps) {
    super(scope, id);
    const rdsOnly = ['RDS'];
    const controls: Control[] = [
      { name: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', resourceTypes: rdsOnly },
      { name: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
      { name: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' },
      {
        name: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
        parameters: { requiredRetentionDays: String(props.minimumRetentionDays) },
      },
      {
        name: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
        parameters: {
          recoveryPointAgeUnit: 'hours',
          recoveryPointAgeValue: String(props.maximumRecoveryPointAgeHours),
        },
        resourceTypes: rdsOnly,
      },
      { name: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK', resourceTypes: rdsOnly },
      {
        name: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
        parameters: { crossAccountList: props.backupAccountId },
        resourceTypes: rdsOnly,
      },
    ];
    if (props.drRegion !== undefined) {
      controls.push({
        name: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
        parameters: { crossRegionList: props.drRegion },
        resourceTypes: rdsOnly,
      });
    }
    this.framework = new backup.CfnFramework(this, 'Framework', {
      frameworkName: props.frameworkName,
      frameworkDescription: 'Evidence that council databases are backed up, locked, copied and recent',
      frameworkControls: controls.map((control) => ({
        controlName: control.name,
        controlInputParameters: control.parameters
          ? Object.entries(control.parameters).map(([parameterName, parameterValue]) => ({
              parameterName,
              parameterValue,
            }))
          : undefined,
        // ControlScope is passed through untyped, so it takes CloudFormation's own casing.
        controlScope: control.resourceTypes
          ? { ComplianceResourceTypes: [...control.resourceTypes] }
          : undefined,
      })),
    });
  }
}
