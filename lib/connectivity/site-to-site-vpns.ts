import type * as ec2 from 'aws-cdk-lib/aws-ec2';

import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { pascal } from '../names';
import type { SegmentRouteTables } from '../network/segmentation';
import { AlertTopic, alertTopicKey } from './alert-topic';
import { AnnouncedPrefixCheck } from './announced-prefix-check';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import { SiteVpn } from './site-vpn';
import { SiteVpnAlarms } from './site-vpn-alarms';
import type { TunnelCrypto } from './tunnel-options';
import { VpnDashboard } from './vpn-dashboard';
import type { VpnSite } from './vpn-site';
import { councilKey } from '../kms/council-key';

export interface SiteToSiteVpnsProps {
  readonly sites: readonly VpnSite[];
  /** The network team's mailboxes, alerted about every site. */
  readonly alertEmails: readonly string[];
  /** Consecutive minutes a tunnel must be down before alarming. @default 5 */
  readonly tunnelDownMinutes?: number;
  /** IKE and IPsec settings of every tunnel. @default STRONG_TUNNEL_CRYPTO (IKEv2, AES-256, SHA-2, DH 14+) */
  readonly tunnelCrypto?: TunnelCrypto;
  readonly namePrefix: string;
  readonly transitGatewayId: string;
  readonly routeTables: SegmentRouteTables<ec2.CfnTransitGatewayRouteTable>;
  /** Retention of the tunnel and lookup logs. @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** A connection's load alarm threshold, percent of one tunnel's capacity. @default 80 */
  readonly loadAlarmPercent?: number;
  /** Address of docs/operations.md for the alarms' runbook links. @default 'docs/operations.md' */
  readonly runbookUrl?: string;
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
  /** The scheduled check of what BGP sites announce, when any site uses BGP. */
  readonly announcements?: AnnouncedPrefixCheck;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnsProps) {
    super(scope, id);
    const { namePrefix } = props;

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
      emails: props.alertEmails,
      key: alertKey,
    });

    const sites: Record<string, SiteVpn> = {};
    const alarms: Record<string, SiteVpnAlarms> = {};
    for (const site of props.sites) {
      const vpn = new SiteVpn(this, pascal(site.name), {
        site,
        namePrefix,
        transitGatewayId: props.transitGatewayId,
        routeTables: props.routeTables,
        secretsKey,
        tunnelLogGroupArn: this.tunnelLogs.logGroupArn,
        lookupLogGroup: lookupLogs.logGroup,
        tunnelCrypto: props.tunnelCrypto,
      });
      const topics = [this.alerts.topic];
      const siteEmails = site.alertEmails ?? [];
      if (siteEmails.length > 0) {
        topics.push(
          new AlertTopic(this, `${pascal(site.name)}Alerts`, {
            topicName: `${namePrefix}-vpn-${site.name}-alerts`,
            displayName: `${namePrefix} VPN alerts for ${site.name}`,
            emails: siteEmails,
            key: alertKey,
          }).topic,
        );
      }
      alarms[site.name] = new SiteVpnAlarms(this, `${pascal(site.name)}Alarms`, {
        site,
        namePrefix,
        connections: vpn.connections,
        topics,
        tunnelDownMinutes: props.tunnelDownMinutes,
        loadAlarmPercent: props.loadAlarmPercent,
        transitGatewayId: props.transitGatewayId,
        runbookUrl: props.runbookUrl,
      });
      sites[site.name] = vpn;
    }
    this.sites = sites;
    this.alarms = alarms;

    // What each BGP site announces, checked continuously against its declared networks.
    const checked = props.sites.flatMap((site) =>
      site.routing.type === 'bgp' && site.lanRanges !== undefined && site.lanRanges.length > 0
        ? [
            {
              site: site.name,
              connectionIds: (sites[site.name]?.connections ?? []).map((c) => c.connection.ref),
              lanRanges: site.lanRanges,
            },
          ]
        : [],
    );
    if (checked.length > 0) {
      this.announcements = new AnnouncedPrefixCheck(this, 'AnnouncedPrefixCheck', {
        namePrefix,
        transitGatewayId: props.transitGatewayId,
        sites: checked,
        topics: [this.alerts.topic],
        logRetention: props.logRetention,
        runbookUrl: props.runbookUrl,
      });
    }

    if (props.sites.length > 0) {
      new VpnDashboard(this, 'Dashboard', {
        dashboardName: `${namePrefix}-site-to-site-vpns`,
        sites: props.sites.map((site) => ({ site, connections: sites[site.name]?.connections ?? [] })),
      });
    }
  }
}
