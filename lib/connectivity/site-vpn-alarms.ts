import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { pascal } from '../names';
import type { SiteVpnConnection } from './site-vpn';
import { tunnelStateMetric } from './vpn-metrics';
import type { VpnSite } from './vpn-site';

export interface SiteVpnAlarmsProps {
  readonly site: VpnSite;
  readonly namePrefix: string;
  readonly connections: readonly SiteVpnConnection[];
  /** Topics every alarm notifies (the central network team's, plus the site's own if it has one). */
  readonly topics: readonly sns.ITopic[];
  /** Consecutive minutes a tunnel must be down before alarming (short blips during AWS maintenance are normal). @default 5 */
  readonly tunnelDownMinutes?: number;
}

/** The alarms of one connection, keyed by what they detect. */
export interface ConnectionAlarms {
  /** At least one of the two tunnels is down: redundancy is lost, the site still works. */
  readonly tunnelDown: cloudwatch.Alarm;
  /** Both tunnels are down: this connection carries no traffic. */
  readonly connectionDown: cloudwatch.Alarm;
}

/**
 * Tunnel alarms for one site. Per VPN connection: "tunnel down" (TunnelState Minimum below 1,
 * so a single down tunnel alarms) and "connection down" (Maximum below 1: no tunnel up), as the
 * AWS Site-to-Site VPN guide recommends for the VpnId dimension. A site
 * with more than one device also gets a composite "site unreachable" alarm that fires only when
 * every connection is down. Missing data counts as down: a connection that stops reporting is
 * not a healthy one. Alarm IDs and names derive from site and device names.
 */
export class SiteVpnAlarms extends Construct {
  readonly byDevice: Readonly<Record<string, ConnectionAlarms>>;
  readonly siteUnreachable?: cloudwatch.CompositeAlarm;

  constructor(scope: Construct, id: string, props: SiteVpnAlarmsProps) {
    super(scope, id);
    const { site, namePrefix } = props;
    const tunnelDownMinutes = props.tunnelDownMinutes ?? 5;
    const alarmActions = props.topics.map((topic) => new actions.SnsAction(topic));
    const withActions = <T extends cloudwatch.AlarmBase>(alarm: T): T => {
      alarm.addAlarmAction(...alarmActions);
      alarm.addOkAction(...alarmActions);
      return alarm;
    };

    const byDevice: Record<string, ConnectionAlarms> = {};
    for (const { gateway, connection } of props.connections) {
      const where = `${site.name} ${gateway.name}`;
      const base = `${namePrefix}-vpn-${site.name}-${gateway.name}`;
      const scope = new Construct(this, pascal(gateway.name));
      const common = {
        evaluationPeriods: tunnelDownMinutes,
        datapointsToAlarm: tunnelDownMinutes,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      };
      byDevice[gateway.name] = {
        tunnelDown: withActions(
          new cloudwatch.Alarm(scope, 'TunnelDown', {
            ...common,
            alarmName: `${base}-tunnel-down`,
            alarmDescription:
              `A VPN tunnel from ${where} (${site.description}) has been down for ${tunnelDownMinutes} minutes. ` +
              'Traffic runs on the other tunnel without redundancy. Check the tunnel logs and the site device.',
            metric: tunnelStateMetric(connection.ref, 'Minimum'),
            threshold: 1,
          }),
        ),
        connectionDown: withActions(
          new cloudwatch.Alarm(scope, 'ConnectionDown', {
            ...common,
            alarmName: `${base}-connection-down`,
            alarmDescription:
              `Both VPN tunnels from ${where} (${site.description}) have been down for ${tunnelDownMinutes} minutes. ` +
              'This connection carries no traffic. Contact the site and check its internet line and device.',
            metric: tunnelStateMetric(connection.ref, 'Maximum'),
            threshold: 1,
          }),
        ),
      };
    }
    this.byDevice = byDevice;

    const all = Object.values(byDevice);
    if (all.length > 1) {
      this.siteUnreachable = withActions(
        new cloudwatch.CompositeAlarm(this, 'SiteUnreachable', {
          compositeAlarmName: `${namePrefix}-vpn-${site.name}-unreachable`,
          alarmDescription: `Every VPN connection from ${site.name} (${site.description}) is down: the site is cut off from AWS.`,
          alarmRule: cloudwatch.AlarmRule.allOf(
            ...all.map((a) => cloudwatch.AlarmRule.fromAlarm(a.connectionDown, cloudwatch.AlarmState.ALARM)),
          ),
        }),
      );
    }
  }
}
