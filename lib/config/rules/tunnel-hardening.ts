import type { ConfigRule } from './rule';

/**
 * A site whose tunnels still offer the weak Diffie-Hellman groups 22 to 24 and keep their keys in
 * the VPN service (tunnelHardening: pending) is reported on every validation, so the change window
 * that replaces its connections is not forgotten. A warning, not an error: the deployed
 * connections are kept on purpose until the site's router can be reconfigured.
 */
export const tunnelHardening: ConfigRule = (view, report) => {
  for (const { index, value: site } of view.sites) {
    if (site.tunnelHardening === 'pending') {
      report(
        ['connectivity', 'sites', index, 'tunnelHardening'],
        `${site.name} still offers Diffie-Hellman groups 22 to 24 and keeps its pre-shared keys readable through ` +
          'ec2:DescribeVpnConnections; set applied in a change window (it replaces the connections: new outside ' +
          "IP addresses for the site's router)",
        'warning',
      );
    }
  }
};
