import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AGENT_MEMORY_METRIC, AGENT_NAMESPACE } from './cloudwatch-agent-config';

/** A dashboard holds no data and costs nothing untagged; cfn-lint 1.51 (the CI gate) rejects Tags on it. */
function untagged(dashboard: cloudwatch.Dashboard): void {
  (dashboard.node.defaultChild as cloudwatch.CfnDashboard).addPropertyDeletionOverride('Tags');
}

export interface DashboardService {
  readonly id: string;
  readonly name: string;
  readonly criticality: string;
  readonly owner: string;
  readonly availabilityTargetPercent: number;
  /** The service's composite alarm. @default - none (nothing to alarm on) */
  readonly serviceAlarm?: cloudwatch.IAlarm;
  /** RDS instance identifiers. @default - none */
  readonly databases?: readonly string[];
  /** Host names of its servers. @default - none */
  readonly servers?: readonly string[];
}

export interface ServiceAreaDashboardProps {
  readonly dashboardName: string;
  /** The service area's name, e.g. "Revenues and Benefits". */
  readonly title: string;
  readonly services: readonly DashboardService[];
  /** Address of docs/operations.md. */
  readonly runbookUrl: string;
}

const rds = (id: string, metricName: string, statistic: string, label: string): cloudwatch.Metric =>
  new cloudwatch.Metric({
    namespace: 'AWS/RDS',
    metricName,
    dimensionsMap: { DBInstanceIdentifier: id },
    statistic,
    period: Duration.minutes(5),
    label,
  });

/**
 * One service area's dashboard: the state of each service's composite alarm, who owns it and its
 * target, and its databases' CPU, free storage and connections and its servers' memory in use.
 */
export class ServiceAreaDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ServiceAreaDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });
    untagged(this.dashboard);
    const rows = props.services.map(
      (s) =>
        `| ${s.name} | ${s.criticality} | ${s.availabilityTargetPercent}% | ${s.owner} | ${(s.databases ?? []).length} | ${(s.servers ?? []).length} |`,
    );
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          `# ${props.title}\n` +
          '| Service | Criticality | Availability target | Owner | Databases | Servers |\n|---|---|---|---|---|---|\n' +
          `${rows.join('\n')}\n\nRunbooks: [docs/operations.md](${props.runbookUrl}#alarms)`,
        width: 24,
        height: Math.min(12, 3 + rows.length),
      }),
    );
    const alarms = props.services.flatMap((s) => (s.serviceAlarm ? [s.serviceAlarm] : []));
    if (alarms.length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.AlarmStatusWidget({ title: 'Services', alarms, width: 24, height: 3 }),
      );
    }
    const databases = props.services.flatMap((s) => s.databases ?? []);
    if (databases.length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: 'Database CPU (%)',
          width: 8,
          left: databases.map((d) => rds(d, 'CPUUtilization', 'Maximum', d)),
          leftYAxis: { min: 0, max: 100 },
        }),
        new cloudwatch.GraphWidget({
          title: 'Database free storage (bytes)',
          width: 8,
          left: databases.map((d) => rds(d, 'FreeStorageSpace', 'Minimum', d)),
        }),
        new cloudwatch.GraphWidget({
          title: 'Database connections',
          width: 8,
          left: databases.map((d) => rds(d, 'DatabaseConnections', 'Maximum', d)),
        }),
      );
    }
    const workloads = props.services.filter((s) => (s.servers ?? []).length > 0).map((s) => `'${s.id}'`);
    if (workloads.length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: 'Server memory in use (%)',
          width: 24,
          left: [
            new cloudwatch.MathExpression({
              expression: `SELECT MAX(${AGENT_MEMORY_METRIC}) FROM "${AGENT_NAMESPACE}" WHERE workload IN (${workloads.join(', ')}) GROUP BY server`,
              label: '',
              period: Duration.minutes(5),
            }),
          ],
          leftYAxis: { min: 0, max: 100 },
        }),
      );
    }
  }
}

export interface EstateOverviewDashboardProps {
  readonly dashboardName: string;
  readonly organisationName: string;
  /** The workload accounts whose databases and backups are shown (cross-account: docs/operations.md). */
  readonly workloadAccounts: readonly { readonly name: string; readonly id: string }[];
  /** The account holding the network (VPNs, NAT gateways, Transit Gateway). */
  readonly networkAccountId: string;
  readonly region: string;
  /** Service-area dashboards by account, for the links. */
  readonly serviceDashboards: readonly {
    readonly account: string;
    readonly area: string;
    readonly name: string;
  }[];
  /** Services per criticality, for the summary line. */
  readonly servicesByCriticality: Readonly<Record<string, number>>;
}

/**
 * The estate on one page: every site's VPN tunnels, central egress and Transit Gateway drops, and per
 * workload account its databases' CPU and AWS Backup failures, read across accounts with SEARCH
 * (CloudWatch cross-account observability or dashboard sharing must be on: docs/operations.md).
 */
export class EstateOverviewDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: EstateOverviewDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });
    untagged(this.dashboard);
    const counts = Object.entries(props.servicesByCriticality)
      .map(([c, n]) => `${n} ${c}`)
      .join(', ');
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          `# ${props.organisationName}: estate overview\nServices monitored: ${counts || 'none'}.\n\n` +
          props.serviceDashboards
            .map((d) => `- ${d.account} / ${d.area}: dashboard \`${d.name}\``)
            .join('\n'),
        width: 24,
        height: Math.min(12, 3 + props.serviceDashboards.length),
      }),
    );
    const search = (
      expression: string,
      statistic: string,
      label: string,
      account: string,
    ): cloudwatch.MathExpression =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('${expression}', '${statistic}', 300)`,
        label,
        period: Duration.minutes(5),
        searchAccount: account,
        searchRegion: props.region,
      });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'VPN tunnels up (by connection, lowest)',
        width: 8,
        left: [search('{AWS/VPN,VpnId} MetricName="TunnelState"', 'Minimum', '', props.networkAccountId)],
        leftYAxis: { min: 0, max: 1 },
      }),
      new cloudwatch.GraphWidget({
        title: 'NAT gateway packets dropped',
        width: 8,
        left: [
          search(
            '{AWS/NATGateway,NatGatewayId} MetricName="PacketsDropCount"',
            'Sum',
            '',
            props.networkAccountId,
          ),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: 'Transit Gateway packets dropped (no route)',
        width: 8,
        left: [
          search(
            '{AWS/TransitGateway,TransitGateway,TransitGatewayAttachment} MetricName="PacketDropCountNoRoute"',
            'Sum',
            '',
            props.networkAccountId,
          ),
        ],
      }),
    );
    for (const account of props.workloadAccounts) {
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${account.name}: database CPU (%)`,
          width: 12,
          left: [
            search('{AWS/RDS,DBInstanceIdentifier} MetricName="CPUUtilization"', 'Maximum', '', account.id),
          ],
          leftYAxis: { min: 0, max: 100 },
        }),
        new cloudwatch.GraphWidget({
          title: `${account.name}: backup and copy jobs failed`,
          width: 12,
          left: [
            search(
              '{AWS/Backup,BackupVaultName,ResourceType} MetricName="NumberOfBackupJobsFailed"',
              'Sum',
              '',
              account.id,
            ),
            search(
              '{AWS/Backup,BackupVaultName,ResourceType} MetricName="NumberOfCopyJobsFailed"',
              'Sum',
              '',
              account.id,
            ),
          ],
        }),
      );
    }
  }
}
