import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { attachmentDropsMetric } from '../connectivity/vpn-metrics';
import { pascal } from '../names';
import { alarmDescription, type AlarmOwnership } from './runbooks';
import type { ServiceLevel } from './service-levels';
import { signalAlarm } from './signal-alarm';

export interface NatGatewayAlarmsProps {
  readonly namePrefix: string;
  /** The central egress NAT gateways, by availability zone (construct IDs and alarm names use the zone). */
  readonly natGateways: readonly { readonly zone: string; readonly natGatewayId: string }[];
  /** Central egress serves every workload: its owner and the most critical production service's level. */
  readonly ownership: AlarmOwnership;
  readonly level: ServiceLevel;
  /** The network account's rota topic. */
  readonly topic: sns.ITopic;
}

/**
 * Central egress: per NAT gateway, port allocation errors (a destination receives more connections
 * than the gateway has ports for) and dropped packets, signals of one `<prefix>-egress-service`
 * composite alarm that pages the rota once.
 */
export class NatGatewayAlarms extends Construct {
  readonly service: cloudwatch.CompositeAlarm;

  constructor(scope: Construct, id: string, props: NatGatewayAlarmsProps) {
    super(scope, id);
    if (props.natGateways.length === 0) {
      throw new Error('NatGatewayAlarms needs at least one NAT gateway');
    }
    const { level, ownership, namePrefix } = props;
    const serviceName = `${namePrefix}-egress-service`;
    const signals: cloudwatch.Alarm[] = [];
    for (const nat of props.natGateways) {
      const metric = (metricName: string): cloudwatch.Metric =>
        new cloudwatch.Metric({
          namespace: 'AWS/NATGateway',
          metricName,
          dimensionsMap: { NatGatewayId: nat.natGatewayId },
          statistic: 'Sum',
        });
      const scope = new Construct(this, pascal(nat.zone));
      signals.push(
        signalAlarm(scope, 'PortAllocation', {
          alarmName: `${namePrefix}-nat-${nat.zone}-port-allocation`,
          description: alarmDescription(
            `NAT gateway in ${nat.zone}: port allocation errors (connections refused).`,
            ownership,
            'nat-port-allocation',
          ),
          metric: metric('ErrorPortAllocation'),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluation: { ...level, evaluationPeriods: 1, datapointsToAlarm: 1 },
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          notifiedBy: serviceName,
        }),
        signalAlarm(scope, 'PacketDrops', {
          alarmName: `${namePrefix}-nat-${nat.zone}-packet-drops`,
          description: alarmDescription(
            `NAT gateway in ${nat.zone}: more than ${level.network.droppedPackets} packets dropped per period.`,
            ownership,
            'nat-packet-drops',
          ),
          metric: metric('PacketsDropCount'),
          threshold: level.network.droppedPackets,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluation: level,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          notifiedBy: serviceName,
        }),
      );
    }
    this.service = new cloudwatch.CompositeAlarm(this, 'Service', {
      compositeAlarmName: serviceName,
      alarmDescription: alarmDescription(
        'Central internet egress is impaired: a NAT gateway refuses connections or drops packets.',
        ownership,
        'nat-packet-drops',
      ),
      alarmRule: cloudwatch.AlarmRule.anyOf(
        ...signals.map((a) => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM)),
      ),
    });
    const rota = new actions.SnsAction(props.topic);
    this.service.addAlarmAction(rota);
    this.service.addOkAction(rota);
  }
}

export interface AttachmentAlarmsProps {
  /** The alarm's name: `<prefix>-tgw-<what>-drops`, e.g. the VPC's or the site device's name. */
  readonly alarmName: string;
  /** What the attachment connects, for the description, e.g. "VPC production". */
  readonly attachmentLabel: string;
  readonly transitGatewayId: string;
  readonly attachmentId: string;
  readonly ownership: AlarmOwnership;
  readonly level: ServiceLevel;
  /** The network account's rota topic, notified directly (one attachment, one signal). */
  readonly topic: sns.ITopic;
}

/**
 * Packets the Transit Gateway dropped on one attachment, for having no route or a blackhole route
 * (the AWS address space is blackholed in every segment table, and production and non-production
 * never route to each other): sustained drops mean misrouted traffic or a broken route.
 */
export class AttachmentAlarms extends Construct {
  readonly drops: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AttachmentAlarmsProps) {
    super(scope, id);
    const { level } = props;
    this.drops = new cloudwatch.Alarm(this, 'Drops', {
      alarmName: props.alarmName,
      alarmDescription: alarmDescription(
        `Transit Gateway attachment of ${props.attachmentLabel}: more than ${level.network.droppedPackets} packets dropped (no route or blackhole) per period.`,
        props.ownership,
        'transit-gateway-drops',
      ),
      metric: attachmentDropsMetric(
        props.transitGatewayId,
        props.attachmentId,
        Duration.seconds(level.periodSeconds),
      ),
      threshold: level.network.droppedPackets,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: level.evaluationPeriods,
      datapointsToAlarm: level.datapointsToAlarm,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const rota = new actions.SnsAction(props.topic);
    this.drops.addAlarmAction(rota);
    this.drops.addOkAction(rota);
  }
}
