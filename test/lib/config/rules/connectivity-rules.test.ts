import { validateConfigText } from '../../../../lib/config/load';
import { edited, errorsOf, EXAMPLE, FILE, lineOf } from './connectivity-helpers';

describe('the example connectivity section', () => {
  it('is valid, warning only that the customer gateway addresses are documentation placeholders', () => {
    const result = validateConfigText(FILE, EXAMPLE);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.config?.connectivity?.sites.map((s) => s.name)).toEqual([
      'civic-centre-dc',
      'northgate-depot',
      'central-library',
    ]);
    // The three deployed sites also await tunnel hardening (tunnel-hardening.test.ts).
    const warnings = result.diagnostics.filter(
      (d) =>
        d.severity === 'warning' && d.path.startsWith('connectivity') && !d.path.endsWith('tunnelHardening'),
    );
    expect(warnings).toHaveLength(4);
    expect(warnings.every((w) => w.message.includes('documentation address (RFC 5737)'))).toBe(true);
  });

  it('still validates a configuration without a connectivity section', () => {
    // Without hybrid DNS there is no outbound endpoint to forward to Protective DNS through.
    const protectiveDns = EXAMPLE.slice(
      EXAMPLE.indexOf('    protectiveDns:'),
      EXAMPLE.indexOf('    networkFirewall:'),
    );
    const withoutConnectivity = EXAMPLE.slice(0, EXAMPLE.indexOf('\n# Hybrid connectivity')).replace(
      protectiveDns,
      '',
    );
    const result = validateConfigText(FILE, withoutConnectivity);
    // Only the example's supplier flow, whose address is a documentation placeholder.
    expect(result.diagnostics.map((d) => `${d.severity} ${d.path}`)).toEqual([
      'warning network.egressInspection.networkFirewall.allowedFlows[0].to[0]',
    ]);
    expect(result.config?.connectivity).toBeUndefined();
  });
});

describe('tunnel inside CIDRs', () => {
  it('reports a block used by two tunnels once, at the second use', () => {
    const text = edited(['[169.254.10.8/30, 169.254.10.12/30]', '[169.254.10.8/30, 169.254.10.4/30]']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, '[169.254.10.8/30, 169.254.10.4/30]'),
        path: 'connectivity.sites[0].customerGateways[1].tunnelInsideCidrs[1]',
        message:
          '169.254.10.4/30 is already used by civic-centre-dc/edge-1 tunnel 2; every tunnel needs its own inside block',
      }),
    ]);
  });

  it.each([
    ['169.254.169.252/30', 'is reserved by AWS (169.254.169.252/30)'],
    ['169.254.3.0/30', 'is reserved by AWS (169.254.3.0/30)'],
    ['169.254.10.16/29', 'is a /29; a tunnel inside block must be a /30'],
    ['10.255.0.0/30', 'is outside 169.254.0.0/16'],
    ['169.254.10.17/30', 'is not canonical'],
  ])('rejects %s', (block, message) => {
    const text = edited(['169.254.10.12/30', block]);
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('connectivity.sites[0].customerGateways[1].tunnelInsideCidrs[1]');
    expect(errors[0]?.message).toContain(message);
  });

  it('needs exactly two blocks, one per tunnel', () => {
    const errors = errorsOf(edited(['[169.254.10.8/30, 169.254.10.12/30]', '[169.254.10.8/30]']));
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'connectivity.sites[0].customerGateways[1].tunnelInsideCidrs',
        message: 'give exactly two blocks, one per tunnel',
      }),
    ]);
  });
});

describe('BGP ASNs', () => {
  it('reports a public ASN once, at the line of the ASN', () => {
    const text = edited(['asn: 65020', 'asn: 3356']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'asn: 3356'),
        path: 'connectivity.sites[1].routing.asn',
        message: '3356 is a public ASN; use a private one (64512-65534 or 4200000000-4294967294)',
      }),
    ]);
  });

  it('rejects the Amazon-side ASN of the Transit Gateway', () => {
    const errors = errorsOf(edited(['asn: 65010', 'asn: 64512']));
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'connectivity.sites[0].routing.asn',
        message: expect.stringContaining("64512 is the Transit Gateway's Amazon-side ASN") as string,
      }),
    ]);
  });

  it('accepts a 4-byte private ASN on a device', () => {
    const text = edited([
      '          publicIp: 203.0.113.74\n',
      '          publicIp: 203.0.113.74\n          bgpAsn: 4200000001\n',
    ]);
    expect(errorsOf(text)).toEqual([]);
  });

  it('checks a device ASN too', () => {
    const text = edited([
      '          publicIp: 203.0.113.74\n',
      '          publicIp: 203.0.113.74\n          bgpAsn: 64496\n',
    ]);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'bgpAsn: 64496'),
        path: 'connectivity.sites[0].customerGateways[1].bgpAsn',
        message: expect.stringContaining('64496 is a public ASN') as string,
      }),
    ]);
  });
});

describe('customer gateway addresses', () => {
  it('reports a private "public IP" once, at its line', () => {
    const text = edited(['publicIp: 198.51.100.20', 'publicIp: 10.20.0.1']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'publicIp: 10.20.0.1'),
        path: 'connectivity.sites[1].customerGateways[0].publicIp',
        message:
          "10.20.0.1 is not a public address (private); give the device's internet-facing public IPv4 address",
      }),
    ]);
  });

  it.each([
    ['100.64.0.1', 'carrierGradeNat'],
    ['127.0.0.1', 'loopback'],
    ['169.254.0.1', 'linkLocal'],
    ['224.0.0.5', 'multicast'],
  ])('rejects %s (%s)', (address, range) => {
    const errors = errorsOf(edited(['publicIp: 198.51.100.20', `publicIp: ${address}`]));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`not a public address (${range})`);
  });

  it('rejects an address two devices share', () => {
    const text = edited(['publicIp: 198.51.100.40', 'publicIp: 203.0.113.10']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        path: 'connectivity.sites[2].customerGateways[0].publicIp',
        message:
          '203.0.113.10 is already the address of civic-centre-dc/edge-1; each device needs its own public IP',
      }),
    ]);
  });

  it('accepts a real public address without a warning', () => {
    const text = edited(['publicIp: 198.51.100.40', 'publicIp: 81.2.69.160']);
    const diagnostics = validateConfigText(FILE, text).diagnostics;
    expect(
      diagnostics.filter((d) => d.path === 'connectivity.sites[2].customerGateways[0].publicIp'),
    ).toEqual([]);
  });
});

describe('site LAN ranges', () => {
  it('reports a LAN range overlapping another site once, at the later one', () => {
    const text = edited(['lanRanges: [10.20.0.0/20]', 'lanRanges: [10.20.0.0/20, 10.0.128.0/24]']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'lanRanges: [10.20.0.0/20, 10.0.128.0/24]'),
        path: 'connectivity.sites[1].lanRanges[1]',
        message:
          '10.0.128.0/24 overlaps civic-centre-dc LAN 10.0.0.0/16; each network must belong to exactly one site',
      }),
    ]);
  });

  it('rejects a LAN range inside the AWS address space', () => {
    const errors = errorsOf(
      edited(['lanRanges: [172.16.8.0/22]', 'lanRanges: [172.16.8.0/22, 10.65.0.0/24]']),
    );
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining(['10.65.0.0/24 overlaps the AWS address space 10.64.0.0/14']),
    );
    expect(errors.every((e) => e.path === 'connectivity.sites[2].lanRanges[1]')).toBe(true);
  });

  it('requires LAN ranges to sit inside the declared on-premises ranges', () => {
    const errors = errorsOf(edited(['lanRanges: [10.20.0.0/20]', 'lanRanges: [10.30.0.0/20]']));
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'connectivity.sites[1].lanRanges[0]',
        message: expect.stringContaining(
          '10.30.0.0/20 is not inside any of network.onPremisesRanges',
        ) as string,
      }),
    ]);
  });
});

describe('site routing', () => {
  it('requires prefixes for static routing', () => {
    const text = edited(['        prefixes: [172.16.8.0/22]\n', '']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'type: static'),
        path: 'connectivity.sites[2].routing',
        message: 'static routing needs prefixes: the networks AWS should route to this site',
      }),
    ]);
  });

  it('requires static prefixes to be inside the site LAN ranges', () => {
    const errors = errorsOf(edited(['prefixes: [172.16.8.0/22]', 'prefixes: [172.16.12.0/22]']));
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'connectivity.sites[2].routing.prefixes[0]',
        message: "172.16.12.0/22 is not inside any of the site's lanRanges (172.16.8.0/22)",
      }),
    ]);
  });

  it('requires an ASN for BGP routing', () => {
    const errors = errorsOf(edited(['        asn: 65020\n', '']));
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'connectivity.sites[1].routing',
        message: "bgp routing needs the site's asn",
      }),
    ]);
  });

  it('allows one device only on a static site', () => {
    const errors = errorsOf(
      edited([
        '        - name: router-1\n          publicIp: 198.51.100.40\n',
        '        - name: router-1\n          publicIp: 198.51.100.40\n        - name: router-2\n          publicIp: 198.51.100.41\n',
      ]),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'connectivity.sites[2].customerGateways',
        message: expect.stringContaining('static routing supports one device') as string,
      }),
    ]);
  });
});

describe('hybrid DNS', () => {
  it('requires DNS servers inside the on-premises ranges', () => {
    const text = edited(['ip: 10.1.0.11', 'ip: 192.168.99.11']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'ip: 192.168.99.11'),
        path: 'connectivity.dns.onPremisesServers[1].ip',
        message: expect.stringContaining(
          '192.168.99.11 is not inside any of network.onPremisesRanges',
        ) as string,
      }),
    ]);
  });

  it('warns when no VPN site routes to a DNS server', () => {
    const result = validateConfigText(FILE, edited(['ip: 10.1.0.11', 'ip: 10.20.64.11']));
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'warning',
          path: 'connectivity.dns.onPremisesServers[1].ip',
          message: "10.20.64.11 is in no VPN site's lanRanges, so AWS cannot reach it until a site routes it",
        }),
      ]),
    );
    expect(result.config).toBeDefined();
  });

  it('checks the endpoint VPC, its tier, server names and associated VPCs', () => {
    const errors = errorsOf(
      edited(
        ['subnetTier: isolated', 'subnetTier: transit'],
        ['servers: [dc-ad-1, dc-ad-2]', 'servers: [dc-ad-1, dc-ad-3]'],
        [
          'ruleAssociations: [shared-services, production, non-production]',
          'ruleAssociations: [shared-services, produciton]',
        ],
      ),
    );
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'connectivity.dns.endpoints.subnetTier: tier "transit" is transit; resolver endpoints need a private or isolated tier',
      'connectivity.dns.forwardedDomains[1].servers[1]: unknown DNS server "dc-ad-3" (did you mean "dc-ad-1"?)',
      'connectivity.dns.ruleAssociations[1]: unknown VPC "produciton" (did you mean "production"?)',
    ]);
  });

  it('puts endpoints only in the shared-services VPC', () => {
    const errors = errorsOf(
      edited([
        '      vpc: shared-services\n      subnetTier: isolated',
        '      vpc: production\n      subnetTier: data',
      ]),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'connectivity.dns.endpoints.vpc',
        message:
          'VPC "production" has purpose workload; resolver endpoints belong in the shared-services VPC',
      }),
    ]);
  });
});

describe('names and keys', () => {
  it('rejects duplicate site and device names', () => {
    const text = edited(['name: northgate-depot', 'name: civic-centre-dc'], ['name: edge-2', 'name: edge-1']);
    const errors = errorsOf(text);
    // The first use's line, found in the edited file rather than typed: the example grows.
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      `connectivity.sites[0].customerGateways[1].name: duplicate customer gateway name "edge-1" (first used at line ${lineOf(text, '- name: edge-1')})`,
      `connectivity.sites[1].name: duplicate site name "civic-centre-dc" (first used at line ${lineOf(text, '- name: civic-centre-dc')})`,
    ]);
  });

  it('rejects an unknown key in a site with a suggestion', () => {
    const text = edited(['      acceleration: false', '      accelerated: false']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'accelerated: false'),
        path: 'connectivity.sites[2].accelerated',
        message: 'unknown key "accelerated" (did you mean "acceleration"?)',
      }),
    ]);
  });
});

describe('all at once', () => {
  it('reports a duplicate inside CIDR, a public ASN, an overlapping LAN and a private "public IP" together, one message each', () => {
    const text = edited(
      ['[169.254.10.8/30, 169.254.10.12/30]', '[169.254.10.8/30, 169.254.10.4/30]'],
      ['asn: 65020', 'asn: 3356'],
      ['lanRanges: [172.16.8.0/22]', 'lanRanges: [172.16.8.0/22, 10.20.8.0/24]'],
      ['publicIp: 198.51.100.40', 'publicIp: 192.168.1.1'],
    );
    expect(errorsOf(text).map((e) => [e.line, e.path])).toEqual([
      [
        lineOf(text, '[169.254.10.8/30, 169.254.10.4/30]'),
        'connectivity.sites[0].customerGateways[1].tunnelInsideCidrs[1]',
      ],
      [lineOf(text, 'asn: 3356'), 'connectivity.sites[1].routing.asn'],
      [lineOf(text, 'publicIp: 192.168.1.1'), 'connectivity.sites[2].customerGateways[0].publicIp'],
      [lineOf(text, 'lanRanges: [172.16.8.0/22, 10.20.8.0/24]'), 'connectivity.sites[2].lanRanges[1]'],
    ]);
  });
});
