import { containsAddress, parseCidr, parseIpv4 } from '../../ipv4';
import type { ConfigRule } from './rule';

/**
 * A site with trust: low is kept out of the production and non-production route tables
 * (lib/network/segmentation.ts), and the configuration must not let it steer them another way.
 * Hybrid DNS forwards the council's domains from the resolver in the shared-services VPC, whose
 * answers every associated VPC (production included) uses: a forwarding target at a low-trust
 * site would let that site's network decide where production's traffic to those names goes. The
 * DNS servers must sit at sites the council trusts.
 */
export const lowTrustSites: ConfigRule = (view, report) => {
  const lowTrust = view.sites
    .filter(({ value }) => value.trust === 'low')
    .map(({ value }) => ({
      name: value.name,
      lans: value.lanRanges.flatMap((text) => {
        const parsed = parseCidr(text);
        return parsed.ok ? [parsed.cidr] : [];
      }),
    }));
  if (lowTrust.length === 0) return;
  for (const { index, value: server } of view.dnsServers) {
    const address = parseIpv4(server.ip);
    if (address === undefined) continue;
    const site = lowTrust.find((s) => s.lans.some((lan) => containsAddress(lan, address)));
    if (site !== undefined) {
      report(
        ['connectivity', 'dns', 'onPremisesServers', index, 'ip'],
        `${server.ip} is at ${site.name}, a site with trust: low: the resolver in the shared-services VPC forwards ` +
          "every VPC's queries for the forwarded domains to it, production's included; forward only to DNS servers " +
          'at a standard site',
      );
    }
  }
};
