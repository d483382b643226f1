import type { ConfigRule } from './rule';

/** The private ASN ranges (RFC 6996); a public ASN belongs to someone else on the internet. */
export function isPrivateAsn(asn: number): boolean {
  return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}

/**
 * Every site ASN must be private and differ from the Transit Gateway's Amazon-side ASN: BGP drops
 * routes whose AS path already contains its own ASN, so a clash silently stops routes being learnt.
 */
export const bgpAsns: ConfigRule = (view, report) => {
  const amazonAsn = view.transitGateway?.amazonSideAsn;
  const check = (asn: number, path: (string | number)[]): void => {
    if (!isPrivateAsn(asn)) {
      report(path, `${asn} is a public ASN; use a private one (64512-65534 or 4200000000-4294967294)`);
    } else if (asn === amazonAsn) {
      report(
        path,
        `${asn} is the Transit Gateway's Amazon-side ASN (network.transitGateway.amazonSideAsn); the site needs a different one`,
      );
    }
  };
  for (const { index, value: site } of view.sites) {
    const base = ['connectivity', 'sites', index];
    if (site.routing.asn !== undefined) {
      check(site.routing.asn, [...base, 'routing', 'asn']);
    }
    site.customerGateways.forEach((gateway, i) => {
      if (gateway.bgpAsn !== undefined) {
        check(gateway.bgpAsn, [...base, 'customerGateways', i, 'bgpAsn']);
      }
    });
  }
};
