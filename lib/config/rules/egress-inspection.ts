import * as ipaddr from 'ipaddr.js';
import type { PathSegment } from '../diagnostics';
import { ALLOWED_FLOWS_CAPACITY } from '../../network/allowed-flows-capacity';
import type { AllowedFlowConfig } from '../schema-egress-inspection';
import { unknownName } from '../unknown-name';
import type { ConfigView } from '../view';
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

  allowedFlows(view, report);

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

/** Ports a flow may not open: what has its own, inspected path out. */
const RESERVED_PORTS: readonly { protocol: 'TCP' | 'UDP' | 'ANY'; port: number; why: string }[] = [
  {
    protocol: 'TCP',
    port: 80,
    why: 'web traffic goes through allowedDomains, where the Host header is checked',
  },
  {
    protocol: 'TCP',
    port: 443,
    why: 'TLS goes through allowedDomains, where the name is checked; an address allowed on 443 passes every site hosted there',
  },
  {
    protocol: 'ANY',
    port: 53,
    why: 'DNS leaves through the Route 53 Resolver (and Protective DNS), never from a VPC directly',
  },
];

/** The narrowest prefix a flow may be wider than: it names hosts of a supplier, not networks. */
const WIDEST_FLOW_PREFIX = 24;

/**
 * Flows past the allow-list are holes in the firewall by design, so each is kept small: from
 * named VPCs, to public hosts (a /24 at most), on ports that have no inspected path of their own,
 * and few enough to fit the fixed rule-group capacity.
 */
function allowedFlows(view: ConfigView, report: Report): void {
  const flows: readonly AllowedFlowConfig[] = view.networkFirewall?.allowedFlows ?? [];
  const base = [...BASE, 'networkFirewall', 'allowedFlows'];
  const names = new Map<string, number>();
  let rules = 0;
  flows.forEach((flow, i) => {
    const first = names.get(flow.name);
    if (first !== undefined) {
      report([...base, i, 'name'], `flow "${flow.name}" is listed twice`, 'error', [...base, first, 'name']);
    } else {
      names.set(flow.name, i);
    }
    flow.from.forEach((vpc, j) => {
      if (!view.vpcNames.has(vpc)) {
        report([...base, i, 'from', j], unknownName('VPC', vpc, view.vpcNames));
      } else if (vpc === view.egress?.vpc) {
        report(
          [...base, i, 'from', j],
          `"${vpc}" is the egress VPC: its own traffic (the NAT gateways') never passes the firewall`,
        );
      }
    });
    flow.to.forEach((text, j) => {
      flowDestination(text, [...base, i, 'to', j], report);
    });
    flow.ports.forEach((port, j) => {
      const reserved = RESERVED_PORTS.find(
        (r) => r.port === port && (r.protocol === 'ANY' || r.protocol === flow.protocol),
      );
      if (reserved !== undefined) {
        report(
          [...base, i, 'ports', j],
          `${flow.protocol} ${port} cannot be an allowed flow: ${reserved.why}`,
        );
      }
    });
    rules += flow.from.length * flow.to.length * flow.ports.length;
  });
  if (rules > ALLOWED_FLOWS_CAPACITY) {
    report(
      base,
      `the flows make ${rules} firewall rules (each source VPC x destination x port), more than the ${ALLOWED_FLOWS_CAPACITY} the rule group holds: merge destinations into fewer flows or narrow them`,
    );
  }
}

function flowDestination(text: string, path: PathSegment[], report: Report): void {
  if (!ipaddr.isValidCIDR(text) || !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0] ?? '')) {
    report(path, `"${text}" is not an IPv4 CIDR block (expected a.b.c.d/n)`);
    return;
  }
  const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
  if (ipaddr.IPv4.networkAddressFromCIDR(text).toString() !== address.toString()) {
    report(
      path,
      `${text} has host bits set: did you mean ${ipaddr.IPv4.networkAddressFromCIDR(text).toString()}/${prefix}?`,
    );
  } else if (prefix < WIDEST_FLOW_PREFIX) {
    report(
      path,
      `${text} is a /${prefix}: an allowed flow names a supplier's hosts, a /${WIDEST_FLOW_PREFIX} or narrower, not a network`,
    );
  } else if (DOCUMENTATION_BLOCKS.some((block) => address.match(block))) {
    report(
      path,
      `${text} is a documentation address (RFC 5737): replace it with the supplier's address before deploying`,
      'warning',
    );
  } else if (address.range() !== 'unicast') {
    report(
      path,
      `${text} is not a public address (${address.range()}); the firewall only sees traffic to the internet`,
    );
  }
}
