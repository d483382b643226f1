import { contains, parseCidr } from '../../ipv4';
import type { ConfigRule } from './rule';

/**
 * BGP sites name their ASN and let the device advertise its networks; static sites list the
 * prefixes AWS routes to them, each inside one of the site's LAN ranges so that the overlap
 * checks on LAN ranges also protect the routes, and have a single device.
 */
export const siteRouting: ConfigRule = (view, report) => {
  for (const { index, value: site } of view.sites) {
    const base = ['connectivity', 'sites', index, 'routing'];
    const { routing } = site;
    if (routing.type === 'bgp') {
      if (routing.asn === undefined) {
        report(base, "bgp routing needs the site's asn");
      }
      if (routing.prefixes !== undefined) {
        report(
          [...base, 'prefixes'],
          'prefixes are only for static routing; a BGP device advertises its own networks',
        );
      }
      continue;
    }
    if (routing.asn !== undefined) {
      report([...base, 'asn'], 'asn is only for bgp routing; remove it or switch the site to type: bgp');
    }
    site.customerGateways.forEach((gateway, i) => {
      if (gateway.bgpAsn !== undefined) {
        report(
          ['connectivity', 'sites', index, 'customerGateways', i, 'bgpAsn'],
          'bgpAsn is only for bgp routing; a static site does not run BGP',
        );
      }
    });
    if (site.customerGateways.length > 1) {
      report(
        ['connectivity', 'sites', index, 'customerGateways'],
        'static routing supports one device: a Transit Gateway route table holds one static route per prefix, so a second ' +
          'device could never take over; use bgp for a site with two devices',
      );
    }
    if (routing.prefixes === undefined || routing.prefixes.length === 0) {
      report(base, 'static routing needs prefixes: the networks AWS should route to this site');
      continue;
    }
    const lans = site.lanRanges.flatMap((text) => {
      const parsed = parseCidr(text);
      return parsed.ok ? [parsed.cidr] : [];
    });
    routing.prefixes.forEach((text, i) => {
      const parsed = parseCidr(text);
      const path = [...base, 'prefixes', i];
      if (!parsed.ok) {
        report(path, parsed.error);
      } else if (lans.length === site.lanRanges.length && !lans.some((lan) => contains(lan, parsed.cidr))) {
        report(path, `${text} is not inside any of the site's lanRanges (${site.lanRanges.join(', ')})`);
      }
    });
  }
};
