import type * as ec2 from 'aws-cdk-lib/aws-ec2';

import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ConnectivityConfig } from '../config/schema';
import { pascal } from '../names';
import { type Segment } from '../network/segmentation';
import { AlertTopic, alertTopicKey } from './alert-topic';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import { SiteVpn } from './site-vpn';
import { SiteVpnAlarms } from './site-vpn-alarms';
import { VpnDashboard } from './vpn-dashboard';
import { councilKey } from '../kms/council-key';

export interface SiteToSiteVpnsProps {
  readonly config: ConnectivityConfig;
  readonly namePrefix: string;
  readonly transitGatewayId: string;
  readonly routeTables: Readonly<Record<Segment, ec2.CfnTransitGatewayRouteTable>>;
  readonly logRetention: logs.RetentionDays;
}

/**
 * Every council site's VPN into the Transit Gateway, with what keeps them safe and watched:
 * a customer-managed key for the pre-shared keys, an encrypted log group for tunnel logs, alarms
 * to an encrypted topic for the network team (and a site's own topic when it lists mailboxes),
 * and one dashboard. Construct IDs derive from site and device names.
 */
export class SiteToSiteVpns extends Construct {
  readonly sites: Readonly<Record<string, SiteVpn>>;
  readonly alarms: Readonly<Record<string, SiteVpnAlarms>>;
  readonly tunnelLogs: EncryptedLogGroup;
  readonly alerts: AlertTopic;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnsProps) {
    super(scope, id);
    const { config, namePrefix } = props;

    const secretsKey = councilKey(this, 'PreSharedKeysKey', {
      description: `Encrypts the ${namePrefix} VPN tunnel pre-shared keys in Secrets Manager`,
    });
    this.tunnelLogs = new EncryptedLogGroup(this, 'TunnelLogs', {
      logGroupName: `/${namePrefix}/vpn/tunnels`,
      retentionDays: props.logRetention,
      purpose: 'site-to-site VPN tunnel (IKE and BGP) logs',
    });
    const lookupLogs = new EncryptedLogGroup(this, 'AttachmentLookupLogs', {
      logGroupName: `/${namePrefix}/vpn/attachment-lookup`,
      retentionDays: props.logRetention,
      purpose: 'logs of the deploy-time VPN attachment lookup',
    });
    const alertKey = alertTopicKey(this, 'AlertsKey', `Encrypts the ${namePrefix} VPN alert topics`);
    this.alerts = new AlertTopic(this, 'Alerts', {
      topicName: `${namePrefix}-vpn-alerts`,
      displayName: `${namePrefix} VPN alerts`,
      emails: config.alerting.emails,
      key: alertKey,
    });

    const sites: Record<string, SiteVpn> = {};
    const alarms: Record<string, SiteVpnAlarms> = {};
    for (const site of config.sites) {
      const vpn = new SiteVpn(this, pascal(site.name), {
        site,
        namePrefix,
        transitGatewayId: props.transitGatewayId,
        routeTables: props.routeTables,
        secretsKey,
        tunnelLogGroupArn: this.tunnelLogs.logGroupArn,
        lookupLogGroup: lookupLogs.logGroup,
      });
      const topics = [this.alerts.topic];
      if (site.alertEmails.length > 0) {
        topics.push(
          new AlertTopic(this, `${pascal(site.name)}Alerts`, {
            topicName: `${namePrefix}-vpn-${site.name}-alerts`,
            displayName: `${namePrefix} VPN alerts for ${site.name}`,
            emails: site.alertEmails,
            key: alertKey,
          }).topic,
        );
      }
      alarms[site.name] = new SiteVpnAlarms(this, `${pascal(site.name)}Alarms`, {
        site,
        namePrefix,
        connections: vpn.connections,
        topics,
        tunnelDownMinutes: config.alerting.tunnelDownMinutes,
      });
      sites[site.name] = vpn;
    }
    this.sites = sites;
    this.alarms = alarms;

    if (config.sites.length > 0) {
      new VpnDashboard(this, 'Dashboard', {
        dashboardName: `${namePrefix}-site-to-site-vpns`,
        sites: config.sites.map((site) => ({ site, connections: sites[site.name]?.connections ?? [] })),
      });
    }
  }
}
