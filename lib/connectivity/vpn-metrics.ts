import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * What one site-to-site VPN tunnel carries at most: "up to 1.25 Gbps" (AWS Site-to-Site VPN quotas,
 * maximum bandwidth per VPN tunnel). The load alarm and the service report's network section compare
 * a site's traffic against it.
 */
export const VPN_TUNNEL_CAPACITY_BITS_PER_SECOND = 1.25e9;

/**
 * AWS/VPN metrics of one VPN connection, by its VpnId. AWS also publishes TunnelState per tunnel
 * with a TunnelIpAddress dimension, but a tunnel's outside address exists only after deployment
 * and CloudFormation does not return it, so everything defined at synth time uses VpnId. Over the
 * VpnId dimension the statistic aggregates the tunnels: Minimum drops to 0 as soon as one tunnel
 * is down, Maximum only when every tunnel is down. (1 is UP for static routing, ESTABLISHED for
 * BGP; any other BGP state counts as 0.)
 */
export function tunnelStateMetric(
  vpnId: string,
  statistic: 'Minimum' | 'Maximum',
  label?: string,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/VPN',
    metricName: 'TunnelState',
    dimensionsMap: { VpnId: vpnId },
    statistic,
    period: Duration.minutes(1),
    // A label turns an alarm's metric into a metric-math list, so alarms pass none.
    ...(label === undefined ? {} : { label }),
  });
}

export function tunnelDataMetric(vpnId: string, direction: 'In' | 'Out', label: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/VPN',
    metricName: `TunnelData${direction}`,
    dimensionsMap: { VpnId: vpnId },
    statistic: 'Sum',
    period: Duration.minutes(5),
    label,
  });
}

/**
 * Packets the Transit Gateway dropped on one attachment (no route plus blackhole) per period. The
 * dimensions are the gateway and the attachment; both exist only at deploy time, as tokens.
 */
export function attachmentDropsMetric(
  transitGatewayId: string,
  attachmentId: string,
  period: Duration,
): cloudwatch.MathExpression {
  const metric = (metricName: string): cloudwatch.Metric =>
    new cloudwatch.Metric({
      namespace: 'AWS/TransitGateway',
      metricName,
      dimensionsMap: { TransitGateway: transitGatewayId, TransitGatewayAttachment: attachmentId },
      statistic: 'Sum',
      period,
    });
  return new cloudwatch.MathExpression({
    expression: 'FILL(blackhole, 0) + FILL(noroute, 0)',
    usingMetrics: {
      blackhole: metric('PacketDropCountBlackhole'),
      noroute: metric('PacketDropCountNoRoute'),
    },
    label: 'packets dropped',
    period,
  });
}
