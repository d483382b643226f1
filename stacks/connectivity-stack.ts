import { CfnOutput, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ConnectivityConfig } from '../lib/config/schema';
import { SiteToSiteVpns } from '../lib/connectivity/site-to-site-vpns';
import { runbookBaseUrl } from '../lib/monitoring/monitored-estate';
import { pascal } from '../lib/names';
import type { TransitGatewayHub } from '../lib/network/transit-gateway-hub';
import { toRetentionDays } from '../lib/network/log-retention';
import type { LandingZoneContext } from './landing-zone-context';
import { LandingZoneStack } from './landing-zone-stack';

export interface ConnectivityStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  readonly connectivity: ConnectivityConfig;
  readonly hub: TransitGatewayHub;
}

/**
 * The network account's site-to-site VPNs: customer gateways, VPN connections on the Transit
 * Gateway, their pre-shared keys, logs, alarms and dashboard. Apart from the hub so a change to
 * one site's VPN never touches the Transit Gateway or a VPC.
 */
export class ConnectivityStack extends LandingZoneStack {
  readonly vpns: SiteToSiteVpns;

  constructor(scope: Construct, id: string, props: ConnectivityStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const { lz, connectivity } = props;
    this.vpns = new SiteToSiteVpns(this, 'SiteToSiteVpns', {
      sites: connectivity.sites,
      alertEmails: connectivity.alerting.emails,
      tunnelDownMinutes: connectivity.alerting.tunnelDownMinutes,
      namePrefix: lz.prefix,
      transitGatewayId: props.hub.transitGateway.ref,
      routeTables: props.hub.routeTables,
      logRetention: toRetentionDays(connectivity.tunnelLogRetentionDays),
      loadAlarmPercent: lz.config.monitoring?.vpnLoadAlarmPercent,
      runbookUrl: runbookBaseUrl(lz.config),
    });
    // The IDs a site's network team needs to download its device configuration (see docs/hybrid-connectivity.md).
    for (const [site, vpn] of Object.entries(this.vpns.sites)) {
      for (const { gateway, connection } of vpn.connections) {
        new CfnOutput(this, `${pascal(site)}${pascal(gateway.name)}VpnConnectionId`, {
          description: `VPN connection of ${site} ${gateway.name} (${gateway.publicIp})`,
          value: connection.ref,
        });
      }
    }
  }
}
