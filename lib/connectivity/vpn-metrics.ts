import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * AWS/VPN metrics of one VPN connection. They are published per VpnId (both tunnels together)
 * and per TunnelIpAddress; a tunnel's outside address exists only after deployment and
 * CloudFormation does not return it, so everything defined at synth time uses VpnId.
 * For TunnelState per VpnId, 1 means every tunnel is up and 0 that none is.
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
