import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { SiteVpnConnection } from './site-vpn';
import { tunnelDataMetric, tunnelStateMetric } from './vpn-metrics';
import type { VpnSite } from './vpn-site';

export interface VpnDashboardProps {
  readonly dashboardName: string;
  readonly sites: readonly {
    readonly site: VpnSite;
    readonly connections: readonly SiteVpnConnection[];
  }[];
}

/**
 * One CloudWatch dashboard for every site: a row per site with tunnel state (lowest and highest
 * per connection) and traffic in and out, and an account-wide graph of each individual tunnel,
 * found when the dashboard is viewed by a SEARCH on the TunnelIpAddress dimension (the outside
 * addresses exist only after deployment).
 */
export class VpnDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: VpnDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(24),
    });
    // The app tags every taggable resource, but cfn-lint 1.51 (the CI gate; PyPI is unreachable, so
    // it cannot be upgraded) rejects Tags on AWS::CloudWatch::Dashboard. A dashboard holds no data
    // and costs nothing to leave untagged.
    const cfnDashboard = this.dashboard.node.defaultChild as cloudwatch.CfnDashboard;
    cfnDashboard.addPropertyDeletionOverride('Tags');
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          '# Site-to-site VPNs\nPer connection: "lowest" at 0 means at least one tunnel is down (no redundancy); ' +
          '"highest" at 0 means every tunnel is down (no traffic). Traffic graphs show use, not health. ' +
          'Runbook: docs/hybrid-connectivity.md.',
        width: 24,
        height: 2,
      }),
      new cloudwatch.GraphWidget({
        title: 'Every tunnel (by outside IP address)',
        width: 24,
        left: [
          new cloudwatch.MathExpression({
            // Matches every TunnelState series that has a TunnelIpAddress dimension, whichever other
            // dimensions AWS publishes with it, so each tunnel is its own line labelled by its address.
            expression: `SEARCH('Namespace="AWS/VPN" MetricName="TunnelState" TunnelIpAddress', 'Minimum', 60)`,
            label: '',
            period: Duration.minutes(1),
          }),
        ],
        leftYAxis: { min: 0, max: 1 },
      }),
    );
    for (const { site, connections } of props.sites) {
      const state = connections.flatMap(({ gateway, connection }) => [
        tunnelStateMetric(connection.ref, 'Minimum', `${gateway.name} lowest`),
        tunnelStateMetric(connection.ref, 'Maximum', `${gateway.name} highest`),
      ]);
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${site.name}: tunnel state`,
          width: 8,
          left: state,
          leftYAxis: { min: 0, max: 1 },
        }),
        new cloudwatch.GraphWidget({
          title: `${site.name}: traffic into AWS (bytes per 5 minutes)`,
          width: 8,
          left: connections.map(({ gateway, connection }) =>
            tunnelDataMetric(connection.ref, 'In', gateway.name),
          ),
        }),
        new cloudwatch.GraphWidget({
          title: `${site.name}: traffic to the site (bytes per 5 minutes)`,
          width: 8,
          left: connections.map(({ gateway, connection }) =>
            tunnelDataMetric(connection.ref, 'Out', gateway.name),
          ),
        }),
      );
    }
  }
}
