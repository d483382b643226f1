import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../lib/config/schema';
import type { MonitoringConfig } from '../lib/config/schema-monitoring';
import { AlarmHistoryArchive } from '../lib/monitoring/alarm-history-archive';
import { AlertTopics } from '../lib/monitoring/alert-topics';
import { BackupVaultAlarms } from '../lib/monitoring/backup-vault-alarms';
import { EstateOverviewDashboard, type EstateOverviewDashboardProps } from '../lib/monitoring/dashboards';
import { sharedOwnership, type MonitoredEstate } from '../lib/monitoring/monitored-estate';
import { alarmHistoryLogGroupName, estateDashboardName } from '../lib/names';
import { LandingZoneStack } from './landing-zone-stack';

export interface AlertingStackProps extends StackProps {
  readonly estate: MonitoredEstate;
  readonly monitoring: MonitoringConfig;
  readonly account: AccountConfig;
  readonly runbookUrl: string;
  readonly availabilityZones: readonly string[];
  /** With it, this account also holds the estate overview dashboard. @default - no overview here */
  readonly overview?: Omit<EstateOverviewDashboardProps, 'dashboardName'>;
}

/**
 * One account's alert topics (the rota's and the out-of-hours escalation's), the archive of its alarms'
 * state changes (which the service report counts incidents from), the AWS Backup alarms of its vault,
 * and in the network account the estate overview dashboard. The archive's log group and key are
 * retained if the stack is deleted; everything else is safe to replace.
 */
export class AlertingStack extends LandingZoneStack {
  readonly topics: AlertTopics;

  constructor(scope: Construct, id: string, props: AlertingStackProps) {
    super(scope, id, props);
    const { estate, account } = props;
    this.topics = new AlertTopics(this, 'AlertTopics', {
      namePrefix: estate.prefix,
      accountName: account.name,
      rotaEmails: props.monitoring.alerts.emails,
      outOfHoursEmails: props.monitoring.alerts.outOfHoursEmails,
    });
    new AlarmHistoryArchive(this, 'AlarmHistory', {
      namePrefix: estate.prefix,
      logGroupName: alarmHistoryLogGroupName(estate.prefix),
    });
    const vault = estate.vaults.find((v) => v.accountId === account.id);
    if (vault) {
      new BackupVaultAlarms(this, 'BackupAlarms', {
        namePrefix: estate.prefix,
        vaultName: vault.name,
        planNames: vault.plans.map((p) => p.planName),
        ownership: sharedOwnership(
          estate,
          `backups-${account.name}`,
          account.role === 'production' ? 'critical' : 'medium',
          props.runbookUrl,
        ),
        topic: this.topics.rota.topic,
      });
    }
    if (props.overview) {
      new EstateOverviewDashboard(this, 'EstateOverview', {
        ...props.overview,
        dashboardName: estateDashboardName(estate.prefix),
      });
    }
  }
}

/** The network account's alerting stack: deployed with the network, before the alarms that notify it. */
export class NetworkAlertingStack extends AlertingStack {}
