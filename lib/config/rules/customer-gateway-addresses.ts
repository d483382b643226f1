import * as ipaddr from 'ipaddr.js';
import type { ConfigRule } from './rule';

/** RFC 5737 documentation blocks: fine in an example file, never on a real device. */
const DOCUMENTATION_BLOCKS = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((text) =>
  ipaddr.IPv4.parseCIDR(text),
);

/**
 * A customer gateway is the site's internet-facing address: it must be a public unicast IPv4
 * address (AWS cannot reach a private or special-purpose one over the internet) and no two
 * devices may share one, or their VPNs would be indistinguishable to AWS.
 */
export const customerGatewayAddresses: ConfigRule = (view, report) => {
  const first = new Map<string, string>();
  for (const { index, value: site } of view.sites) {
    site.customerGateways.forEach((gateway, g) => {
      const path = ['connectivity', 'sites', index, 'customerGateways', g, 'publicIp'];
      const text = gateway.publicIp;
      if (!ipaddr.IPv4.isValidFourPartDecimal(text)) {
        report(path, `"${text}" is not an IPv4 address (expected a.b.c.d)`);
        return;
      }
      const address = ipaddr.IPv4.parse(text);
      const range = address.range();
      if (DOCUMENTATION_BLOCKS.some((block) => address.match(block))) {
        report(
          path,
          `${text} is a documentation address (RFC 5737): replace it with the device's real public IP before deploying`,
          'warning',
        );
      } else if (range !== 'unicast') {
        report(
          path,
          `${text} is not a public address (${range}); give the device's internet-facing public IPv4 address`,
        );
        return;
      }
      const key = address.toString();
      const owner = first.get(key);
      const where = `${site.name}/${gateway.name}`;
      if (owner !== undefined) {
        report(path, `${text} is already the address of ${owner}; each device needs its own public IP`);
      } else {
        first.set(key, where);
      }
    });
  }
};
