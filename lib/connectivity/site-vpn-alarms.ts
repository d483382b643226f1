import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { pascal } from '../names';
import type { SiteVpnConnection } from './site-vpn';
import {
  attachmentDropsMetric,
  tunnelDataMetric,
  tunnelStateMetric,
  VPN_TUNNEL_CAPACITY_BITS_PER_SECOND,
} from './vpn-metrics';
import type { VpnSite } from './vpn-site';

export interface SiteVpnAlarmsProps {
  readonly site: VpnSite;
  readonly namePrefix: string;
  readonly connections: readonly SiteVpnConnection[];
  /** Topics every alarm notifies (the central network team's, plus the site's own if it has one). */
  readonly topics: readonly sns.ITopic[];
  /** Consecutive minutes a tunnel must be down before alarming (short blips during AWS maintenance are normal). @default 5 */
  readonly tunnelDownMinutes?: number;
  /**
   * A connection alarms when its busier direction carries more than this share of one tunnel's
   * capacity (VPN_TUNNEL_CAPACITY_BITS_PER_SECOND) for three 5-minute periods. @default 80
   */
  readonly loadAlarmPercent?: number;
  /**
   * The Transit Gateway: with it, each connection's attachment also alarms on dropped packets.
   * @default - no attachment alarms
   */
  readonly transitGatewayId?: string;
  /** Packets the attachment may drop (no route, blackhole) per 5 minutes before alarming. @default 500 */
  readonly droppedPackets?: number;
  /** Address of docs/operations.md, for the runbook links of the load and drop alarms. @default 'docs/operations.md' */
  readonly runbookUrl?: string;
}

/** The alarms of one connection, keyed by what they detect. */
export interface ConnectionAlarms {
  /** At least one of the two tunnels is down: redundancy is lost, the site still works. */
  readonly tunnelDown: cloudwatch.Alarm;
  /** Both tunnels are down: this connection carries no traffic. */
  readonly connectionDown: cloudwatch.Alarm;
  /** The busier direction nears one tunnel's capacity. */
  readonly load: cloudwatch.Alarm;
  /** The Transit Gateway drops packets on the connection's attachment (with transitGatewayId only). */
  readonly attachmentDrops?: cloudwatch.Alarm;
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
    const loadPercent = props.loadAlarmPercent ?? 80;
    const droppedPackets = props.droppedPackets ?? 500;
    const runbook = props.runbookUrl ?? 'docs/operations.md';
    if (loadPercent <= 0 || loadPercent > 100) {
      throw new Error(`SiteVpnAlarms ${site.name}: loadAlarmPercent must be above 0 and at most 100`);
    }
    const alarmActions = props.topics.map((topic) => new actions.SnsAction(topic));
    const withActions = <T extends cloudwatch.AlarmBase>(alarm: T): T => {
      alarm.addAlarmAction(...alarmActions);
      alarm.addOkAction(...alarmActions);
      return alarm;
    };

    const byDevice: Record<string, ConnectionAlarms> = {};
    for (const { gateway, connection, attachmentId } of props.connections) {
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
        load: withActions(
          new cloudwatch.Alarm(scope, 'Load', {
            alarmName: `${base}-load`,
            alarmDescription:
              `The VPN from ${where} (${site.description}) carries more than ${loadPercent}% of one tunnel's ` +
              `${VPN_TUNNEL_CAPACITY_BITS_PER_SECOND / 1e9} Gbps in one direction for 15 minutes. ` +
              `See the service report's network section. Runbook: ${runbook}#runbook-vpn-load`,
            metric: new cloudwatch.MathExpression({
              expression: 'MAX([FILL(bytesIn, 0), FILL(bytesOut, 0)]) * 8 / 300',
              usingMetrics: {
                bytesIn: tunnelDataMetric(connection.ref, 'In', 'bytes in'),
                bytesOut: tunnelDataMetric(connection.ref, 'Out', 'bytes out'),
              },
              label: 'bits per second, busier direction',
              period: Duration.minutes(5),
            }),
            threshold: (loadPercent / 100) * VPN_TUNNEL_CAPACITY_BITS_PER_SECOND,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
        ),
        ...(props.transitGatewayId === undefined
          ? {}
          : {
              attachmentDrops: withActions(
                new cloudwatch.Alarm(scope, 'AttachmentDrops', {
                  alarmName: `${base}-attachment-drops`,
                  alarmDescription:
                    `The Transit Gateway drops more than ${droppedPackets} packets per 5 minutes (no route or blackhole) ` +
                    `on the VPN attachment of ${where}. Runbook: ${runbook}#runbook-transit-gateway-drops`,
                  metric: attachmentDropsMetric(props.transitGatewayId, attachmentId, Duration.minutes(5)),
                  threshold: droppedPackets,
                  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                  evaluationPeriods: 3,
                  datapointsToAlarm: 3,
                  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
                }),
              ),
            }),
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
