import { cidr, overlaps } from '../ipv4';
import { onPremisesSource } from './on-premises-sources';
import type { SiteConfig } from './schema-connectivity';
import type { LandingZoneConfig } from './schema';

/*
 * Which council sites' VPNs carry an on-premises range. A range in network.onPremisesRanges is only
 * a name for addresses; traffic reaches it from AWS only through a site's VPN whose routed networks
 * overlap it: what the device advertises over BGP (its LAN ranges) or the static prefixes.
 */

/** The networks a site's VPN carries: its static prefixes, or the LAN ranges its device advertises. */
export function siteNetworks(site: SiteConfig): readonly string[] {
  return site.routing.type === 'static' ? (site.routing.prefixes ?? site.lanRanges) : site.lanRanges;
}

export interface RangeCoverage {
  /** The on-premises range, when the configuration declares it. */
  readonly range?: { readonly name: string; readonly cidr: string };
  /** Sites whose VPN carries part or all of it. */
  readonly sites: readonly SiteConfig[];
}

/** The sites whose VPN carries some of the named on-premises range (or named network of one). */
export function rangeCoverage(config: LandingZoneConfig, rangeName: string): RangeCoverage {
  const range = onPremisesSource(config.network.onPremisesRanges, rangeName);
  if (range === undefined) {
    return { sites: [] };
  }
  const block = cidr(range.cidr);
  const sites = (config.connectivity?.sites ?? []).filter((site) =>
    siteNetworks(site).some((network) => overlaps(cidr(network), block)),
  );
  return { range: { name: range.name, cidr: range.cidr }, sites };
}

/** Why no VPN reaches a range, for messages: no connectivity section, or no site whose networks overlap it. */
export function noVpnReason(config: LandingZoneConfig, range: { name: string; cidr: string }): string {
  if (config.connectivity === undefined) {
    return `config/landing-zone.yaml has no connectivity section, so no VPN carries on-premises range ${range.name} (${range.cidr}); add the council site that hosts it to connectivity.sites`;
  }
  const carried = config.connectivity.sites
    .map((s) => `${s.name} carries ${siteNetworks(s).join(', ')}`)
    .join('; ');
  return `no VPN site carries on-premises range ${range.name} (${range.cidr}): the site that hosts it is missing from connectivity.sites (${carried || 'no sites'})`;
}
