import * as ipaddr from 'ipaddr.js';
import type { PathSegment } from '../diagnostics';
import { unknownName } from '../unknown-name';
import type { ConfigRule, Report } from './rule';

const BASE = ['network', 'egressInspection'];

/** RFC 5737 documentation blocks: fine in an example file, never as a real resolver. */
const DOCUMENTATION_BLOCKS = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((text) =>
  ipaddr.IPv4.parseCIDR(text),
);

/**
 * Egress inspection must point at things that exist and can work: DNS Firewall and Protective DNS
 * name VPCs of the landing zone (each once, never the egress VPC, which resolves nothing of its
 * own), Protective DNS forwards through hybrid DNS's outbound endpoint to public resolvers, and
 * Network Firewall has a firewall tier in the egress VPC to put its endpoints in.
 */
export const egressInspection: ConfigRule = (view, report) => {
  const egressVpc = view.egress?.vpc;
  /** Reports a name that is no VPC, or the egress VPC; true when the name is usable. */
  const usableVpc = (path: PathSegment[], name: string): boolean => {
    if (!view.vpcNames.has(name)) {
      report(path, unknownName('VPC', name, view.vpcNames));
      return false;
    }
    if (name === egressVpc) {
      report(path, `"${name}" is the egress VPC: it runs only NAT gateways and resolves no names of its own`);
      return false;
    }
    return true;
  };
  /** Checks a list of VPC names, each usable and listed once. */
  const vpcList = (entries: readonly { path: PathSegment[]; name: string }[]): void => {
    const firstAt = new Map<string, PathSegment[]>();
    for (const { path, name } of entries) {
      const first = firstAt.get(name);
      if (first !== undefined) {
        report(path, `VPC "${name}" is listed twice`, 'error', first);
      } else if (usableVpc(path, name)) {
        firstAt.set(name, path);
      }
    }
  };

  vpcList(
    view.dnsFirewallAssociations.map(({ index, value }) => ({
      path: [...BASE, 'dnsFirewall', 'associations', index, 'vpc'],
      name: value.vpc,
    })),
  );

  const pdns = view.protectiveDns;
  if (pdns) {
    if (!view.hasHybridDns) {
      report(
        [...BASE, 'protectiveDns'],
        'forwarding to Protective DNS uses the outbound Resolver endpoint of connectivity.dns, which this file does not configure',
      );
    }
    resolverAddresses(pdns.resolverIps, report);
    vpcList(pdns.vpcs.map((name, i) => ({ path: [...BASE, 'protectiveDns', 'vpcs', i], name })));
  }

  if (view.egress !== undefined) {
    const egress = view.vpcs.find((v) => v.value.name === view.egress?.vpc)?.value;
    const hasFirewallTier = egress?.subnets.some((t) => t.type === 'firewall') ?? false;
    if (view.hasNetworkFirewall && egress !== undefined && !hasFirewallTier) {
      report(
        [...BASE, 'networkFirewall'],
        `the egress VPC "${egress.name}" has no subnet tier of type firewall for the firewall endpoints (add one, e.g. { name: firewall, type: firewall, cidrMask: 28 })`,
      );
    }
    const tierIndex = egress?.subnets.findIndex((t) => t.type === 'firewall') ?? -1;
    const vpcIndex = view.vpcs.find((v) => v.value.name === view.egress?.vpc)?.index;
    if (!view.hasNetworkFirewall && tierIndex >= 0 && vpcIndex !== undefined) {
      report(
        ['network', 'vpcs', vpcIndex, 'subnets', tierIndex, 'type'],
        'a firewall tier holds nothing until network.egressInspection.networkFirewall is configured',
        'warning',
      );
    }
  }

  const domains = view.networkFirewall?.allowedDomains ?? [];
  const seenDomains = new Map<string, number>();
  domains.forEach((domain, i) => {
    const first = seenDomains.get(domain);
    if (first !== undefined) {
      report([...BASE, 'networkFirewall', 'allowedDomains', i], `${domain} is listed twice`, 'error', [
        ...BASE,
        'networkFirewall',
        'allowedDomains',
        first,
      ]);
    } else {
      seenDomains.set(domain, i);
    }
  });
};

/** Protective DNS answers on public addresses; a private one is a typo or an internal resolver. */
function resolverAddresses(addresses: readonly string[], report: Report): void {
  const seen = new Set<string>();
  addresses.forEach((text, i) => {
    const path = [...BASE, 'protectiveDns', 'resolverIps', i];
    if (!ipaddr.IPv4.isValidFourPartDecimal(text)) {
      return; // the schema has said so
    }
    const address = ipaddr.IPv4.parse(text);
    const range = address.range();
    if (DOCUMENTATION_BLOCKS.some((block) => address.match(block))) {
      report(
        path,
        `${text} is a documentation address (RFC 5737): replace it with the Protective DNS address the NCSC issued before deploying`,
        'warning',
      );
    } else if (range !== 'unicast') {
      report(
        path,
        `${text} is not a public address (${range}); Protective DNS resolvers are reached over the internet`,
      );
    }
    const key = address.toString();
    if (seen.has(key)) {
      report(path, `${text} is listed twice`);
    }
    seen.add(key);
  });
}
