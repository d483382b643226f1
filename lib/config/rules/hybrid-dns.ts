import { containsAddress, parseCidr, parseIpv4 } from '../../ipv4';
import type { ConfigRule } from './rule';
import { unknownName } from '../unknown-name';

/**
 * Hybrid DNS must point at things that exist and can be reached: the endpoints live in the
 * shared-services VPC in a private or isolated tier, the forwarding targets are on-premises DNS
 * servers inside the council's declared ranges (and, ideally, behind a VPN site), and rules are
 * associated only with VPCs that exist.
 */
export const hybridDns: ConfigRule = (view, report) => {
  const base = ['connectivity', 'dns'];
  const endpoints = view.dnsEndpoints;
  if (endpoints) {
    const vpc = view.vpcs.find((v) => v.value.name === endpoints.vpc)?.value;
    if (vpc === undefined) {
      if (!view.vpcNames.has(endpoints.vpc)) {
        report([...base, 'endpoints', 'vpc'], unknownName('VPC', endpoints.vpc, view.vpcNames));
      }
    } else {
      if (vpc.purpose !== 'shared-services') {
        report(
          [...base, 'endpoints', 'vpc'],
          `VPC "${vpc.name}" has purpose ${vpc.purpose}; resolver endpoints belong in the shared-services VPC`,
        );
      }
      const tier = vpc.subnets.find((t) => t.name === endpoints.subnetTier);
      if (tier === undefined) {
        report(
          [...base, 'endpoints', 'subnetTier'],
          `VPC "${vpc.name}" has no subnet tier "${endpoints.subnetTier}" (tiers: ${vpc.subnets.map((t) => t.name).join(', ')})`,
        );
      } else if (tier.type !== 'private' && tier.type !== 'isolated') {
        report(
          [...base, 'endpoints', 'subnetTier'],
          `tier "${tier.name}" is ${tier.type}; resolver endpoints need a private or isolated tier`,
        );
      }
    }
  }

  const onPrem = view.onPremisesRanges.flatMap(({ value }) => {
    const result = parseCidr(value.cidr);
    return result.ok ? [result.cidr] : [];
  });
  const siteLans = view.sites.flatMap(({ value }) =>
    value.lanRanges.flatMap((text) => {
      const result = parseCidr(text);
      return result.ok ? [result.cidr] : [];
    }),
  );
  for (const { index, value: server } of view.dnsServers) {
    const path = [...base, 'onPremisesServers', index, 'ip'];
    const address = parseIpv4(server.ip);
    if (address === undefined) {
      report(path, `"${server.ip}" is not an IPv4 address (expected a.b.c.d)`);
      continue;
    }
    if (
      onPrem.length === view.onPremisesRanges.length &&
      !onPrem.some((range) => containsAddress(range, address))
    ) {
      report(
        path,
        `${server.ip} is not inside any of network.onPremisesRanges (${onPrem.map((r) => r.text).join(', ') || 'none'})`,
      );
    } else if (view.sites.length > 0 && !siteLans.some((lan) => containsAddress(lan, address))) {
      report(
        path,
        `${server.ip} is in no VPN site's lanRanges, so AWS cannot reach it until a site routes it`,
        'warning',
      );
    }
  }

  view.forwardedDomains.forEach(({ index, value: domain }) => {
    (domain.servers ?? []).forEach((name, i) => {
      if (!view.dnsServerNames.has(name)) {
        report(
          [...base, 'forwardedDomains', index, 'servers', i],
          unknownName(
            'DNS server',
            name,
            view.dnsServerNames,
            `dns.onPremisesServers: ${[...view.dnsServerNames].join(', ') || 'none'}`,
          ),
        );
      }
    });
  });

  const associated = new Set<string>();
  (view.ruleAssociations ?? []).forEach((name, i) => {
    const path = [...base, 'ruleAssociations', i];
    if (!view.vpcNames.has(name)) {
      report(path, unknownName('VPC', name, view.vpcNames));
    } else if (associated.has(name)) {
      report(path, `VPC "${name}" is listed twice`);
    }
    associated.add(name);
  });
};
