import type { ConfigRule } from './rule';

/**
 * Each VPC needs exactly one transit tier for its attachment; only the egress VPC faces the internet,
 * and only it holds a firewall tier (at most one), where Network Firewall inspects central egress.
 */
export const subnetTiers: ConfigRule = (view, report) => {
  for (const { index, value: vpc } of view.vpcs) {
    const base = ['network', 'vpcs', index];
    const transit = vpc.subnets.filter((t) => t.type === 'transit');
    if (transit.length !== 1) {
      report(
        [...base, 'subnets'],
        `needs exactly one tier of type transit for the Transit Gateway attachment (found ${transit.length})`,
      );
    }
    vpc.subnets.forEach((tier, i) => {
      if (tier.type === 'public' && vpc.purpose !== 'egress') {
        report(
          [...base, 'subnets', i, 'type'],
          `public subnets are only allowed in the egress VPC; a ${vpc.purpose} VPC reaches the internet through central egress`,
        );
      }
      if (tier.type === 'firewall' && vpc.purpose !== 'egress') {
        report(
          [...base, 'subnets', i, 'type'],
          `firewall subnets are only allowed in the egress VPC, where Network Firewall inspects central egress`,
        );
      }
    });
    const firewallTiers = vpc.subnets.filter((t) => t.type === 'firewall');
    if (firewallTiers.length > 1) {
      report(
        [...base, 'subnets'],
        `has ${firewallTiers.length} tiers of type firewall; the firewall takes one subnet per zone from a single tier`,
      );
    }
    if (vpc.purpose === 'egress' && !vpc.subnets.some((t) => t.type === 'public')) {
      report([...base, 'subnets'], 'the egress VPC needs a public tier for its NAT gateways');
    }
    if (vpc.purpose !== 'egress' && !vpc.subnets.some((t) => t.type === 'private' || t.type === 'isolated')) {
      report([...base, 'subnets'], 'needs a private or isolated tier for workloads');
    }
    const hasInterfaceEndpoints = vpc.endpoints.some((e) => e !== 's3' && e !== 'dynamodb');
    if (hasInterfaceEndpoints && !vpc.subnets.some((t) => t.type === 'private' || t.type === 'isolated')) {
      report([...base, 'endpoints'], 'interface endpoints need a private or isolated tier to live in');
    }
  }
};
