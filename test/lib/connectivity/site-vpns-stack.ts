import { Stack, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SiteToSiteVpns } from '../../../lib/connectivity/site-to-site-vpns';
import type { TunnelCrypto } from '../../../lib/connectivity/tunnel-options';
import type { VpnSite } from '../../../lib/connectivity/vpn-site';
import { onDemandSegmentsOf } from '../../../lib/network/segmentation';
import { TransitGatewayHub } from '../../../lib/network/transit-gateway-hub';
import { tagAsLandingZone, testApp } from '../../helpers/cdk-app';

/** The hub and the site VPNs in one small stack, as the network account's stacks build them. */
export function siteVpnsStack(
  sites: readonly VpnSite[],
  tunnelCrypto?: TunnelCrypto,
): { app: App; stack: Stack; hub: TransitGatewayHub; vpns: SiteToSiteVpns; template: Template } {
  const app = testApp();
  const stack = new Stack(app, 'Network', { env: { account: '111111111111', region: 'eu-west-2' } });
  tagAsLandingZone(app);
  const hub = new TransitGatewayHub(stack, 'Hub', {
    name: 'hub',
    namePrefix: 'kvdc',
    amazonSideAsn: 64512,
    shareWithAccounts: [],
    blackholeCidrs: ['10.64.0.0/14'],
    onDemandSegments: onDemandSegmentsOf(sites),
  });
  const vpns = new SiteToSiteVpns(stack, 'SiteToSiteVpns', {
    sites,
    alertEmails: ['network-team@kestrelvale.gov.uk'],
    namePrefix: 'kvdc',
    transitGatewayId: hub.transitGateway.ref,
    routeTables: hub.routeTables,
    ...(tunnelCrypto === undefined ? {} : { tunnelCrypto }),
  });
  return { app, stack, hub, vpns, template: Template.fromStack(stack) };
}
