import { validateConfigText } from '../../../../lib/config/load';
import { edited, errorsOf, EXAMPLE, FILE, lineOf } from './connectivity-helpers';

const BASE = 'network.egressInspection';

describe('the example egress inspection', () => {
  it('is valid, warning only that the Protective DNS addresses are documentation placeholders', () => {
    const result = validateConfigText(FILE, EXAMPLE);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const inspection = result.config?.network.egressInspection;
    expect(inspection?.dnsFirewall?.associations).toEqual([{ vpc: 'production', failOpen: false }]);
    // Every managed threat list is blocked unless the file names fewer.
    expect(inspection?.dnsFirewall?.managedDomainLists).toEqual([
      'AWSManagedDomainsMalwareDomainList',
      'AWSManagedDomainsBotnetCommandandControl',
      'AWSManagedDomainsAggregateThreatList',
      'AWSManagedDomainsAmazonGuardDutyThreatList',
    ]);
    expect(
      result.diagnostics
        .filter((d) => d.severity === 'warning' && d.path.startsWith(BASE))
        .map((d) => d.path),
    ).toEqual([
      `${BASE}.protectiveDns.resolverIps[0]`,
      `${BASE}.protectiveDns.resolverIps[1]`,
      `${BASE}.networkFirewall.allowedFlows[0].to[0]`,
    ]);
    expect(inspection?.networkFirewall?.allowedFlows.map((f) => f.name)).toEqual(['bacs-bureau-sftp']);
  });

  it('is optional: a file without it, or with DNS Firewall alone and no firewall tier, is valid', () => {
    const start = EXAMPLE.indexOf('  # Inspection of traffic leaving AWS');
    const without = EXAMPLE.slice(0, start) + EXAMPLE.slice(EXAMPLE.indexOf('  flowLogs:'));
    const noTier = (text: string): string =>
      text.replace(
        '        - { name: firewall, type: firewall, cidrMask: 28 } # Network Firewall endpoints, one per zone\n',
        '',
      );
    expect(errorsOf(noTier(without))).toEqual([]);
    expect(validateConfigText(FILE, noTier(without)).config?.network.egressInspection).toBeUndefined();

    const dnsFirewallOnly =
      EXAMPLE.slice(0, EXAMPLE.indexOf('    protectiveDns:')) + EXAMPLE.slice(EXAMPLE.indexOf('  flowLogs:'));
    const result = validateConfigText(FILE, noTier(dnsFirewallOnly));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(result.config?.network.egressInspection ?? {})).toEqual(['dnsFirewall']);
  });
});

describe('schema errors name the file line and the field', () => {
  it('reports an unknown key with the key it probably meant', () => {
    const text = edited(['{ vpc: production, failOpen: false }', '{ vpc: production, failOpn: false }']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'failOpn'),
        path: `${BASE}.dnsFirewall.associations[0].failOpn`,
        message: 'unknown key "failOpn" (did you mean "failOpen"?)',
      }),
    ]);
  });

  it('reports a resolver address that is not IPv4', () => {
    const text = edited(['[192.0.2.53, 198.51.100.53]', '[192.0.2.353, 198.51.100.53]']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, '192.0.2.353'),
        path: `${BASE}.protectiveDns.resolverIps[0]`,
        message: '"192.0.2.353" is not an IPv4 address (expected a.b.c.d)',
      }),
    ]);
  });

  it.each([
    [
      'a managed list AWS does not offer',
      '    dnsFirewall:\n',
      '    dnsFirewall:\n      managedDomainLists: [AWSManagedDomainsMalware]\n',
      'dnsFirewall.managedDomainLists[0]',
    ],
    ['a domain in capitals', '- .gov.uk #', '- GOV.UK #', 'networkFirewall.allowedDomains[4]'],
    [
      'a retention CloudWatch Logs refuses',
      'logRetentionDays: 400',
      'logRetentionDays: 42',
      'networkFirewall.logRetentionDays',
    ],
  ])('rejects %s, at its field', (_case, from, to, field) => {
    const text = edited([from, to]);
    expect(errorsOf(text).map((e) => e.path)).toEqual([`${BASE}.${field}`]);
  });
});

describe('references and reachability', () => {
  it('names an unknown VPC with the closest one', () => {
    const text = edited(['{ vpc: production, failOpen: false }', '{ vpc: prodution, failOpen: false }']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        path: `${BASE}.dnsFirewall.associations[0].vpc`,
        message: 'unknown VPC "prodution" (did you mean "production"?)',
      }),
    ]);
  });

  it('refuses the egress VPC and a VPC listed twice', () => {
    const text = edited(['      vpcs: [production]', '      vpcs: [production, egress, production]']);
    expect(errorsOf(text).map((e) => `${e.path}: ${e.message}`)).toEqual([
      `${BASE}.protectiveDns.vpcs[1]: "egress" is the egress VPC: it runs only NAT gateways and resolves no names of its own`,
      `${BASE}.protectiveDns.vpcs[2]: VPC "production" is listed twice (first used at line ${lineOf(text, '      vpcs: [production, egress')})`,
    ]);
  });

  it('refuses a private resolver address: Protective DNS answers on the internet', () => {
    const text = edited(['[192.0.2.53, 198.51.100.53]', '[10.1.0.10, 198.51.100.53]']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        path: `${BASE}.protectiveDns.resolverIps[0]`,
        message:
          '10.1.0.10 is not a public address (private); Protective DNS resolvers are reached over the internet',
      }),
    ]);
  });

  it('needs hybrid DNS for Protective DNS forwarding', () => {
    const text = EXAMPLE.slice(0, EXAMPLE.indexOf('  dns:\n    endpoints:'));
    expect(errorsOf(text).map((e) => `${e.path}: ${e.message}`)).toEqual([
      `${BASE}.protectiveDns: forwarding to Protective DNS uses the outbound Resolver endpoint of connectivity.dns, which this file does not configure`,
    ]);
  });

  it('needs a firewall tier in the egress VPC for Network Firewall, and allows it nowhere else', () => {
    const tier =
      '        - { name: firewall, type: firewall, cidrMask: 28 } # Network Firewall endpoints, one per zone\n';
    expect(errorsOf(edited([tier, ''])).map((e) => `${e.path}: ${e.message}`)).toEqual([
      `${BASE}.networkFirewall: the egress VPC "egress" has no subnet tier of type firewall for the firewall endpoints (add one, e.g. { name: firewall, type: firewall, cidrMask: 28 })`,
    ]);
    const inProduction = edited([
      '        - { name: data, type: isolated, cidrMask: 24 }\n',
      '        - { name: data, type: isolated, cidrMask: 24 }\n        - { name: inspect, type: firewall, cidrMask: 28 }\n',
    ]);
    expect(errorsOf(inProduction).map((e) => e.message)).toEqual([
      'firewall subnets are only allowed in the egress VPC, where Network Firewall inspects central egress',
    ]);
  });

  it('refuses a domain listed twice, at the second use', () => {
    const text = edited(['        - .gov.uk #', '        - .windowsupdate.com #']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        path: `${BASE}.networkFirewall.allowedDomains[4]`,
        message: `.windowsupdate.com is listed twice (first used at line ${lineOf(text, '- .windowsupdate.com')})`,
      }),
    ]);
  });

  it('holds its log retentions to the council minimum', () => {
    const text = edited([
      'logRetentionDays: 400 # thirteen months, like the flow logs',
      'logRetentionDays: 90',
    ]);
    expect(errorsOf(text).map((e) => `${e.path}: ${e.message}`)).toEqual([
      `${BASE}.networkFirewall.logRetentionDays: 90 days is below organisation.minimumLogRetentionDays (365)`,
    ]);
  });
});

describe('allowed flows: holes in the firewall kept small', () => {
  const withFlow = (from: string, to: string, ports: string, protocol = 'TCP'): string =>
    edited(
      [
        '          from: [production]\n          protocol: TCP\n',
        `          from: ${from}\n          protocol: ${protocol}\n`,
      ],
      ['          to: [203.0.113.40/32]', `          to: ${to}`],
      ['          ports: [22]\n', `          ports: ${ports}\n`],
    );
  const flowErrors = (text: string) =>
    errorsOf(text)
      .filter((e) => e.path.startsWith(`${BASE}.networkFirewall.allowedFlows`))
      .map((e) => `${e.path}: ${e.message}`);

  it('refuses the web and DNS ports, which have inspected paths of their own', () => {
    expect(flowErrors(withFlow('[production]', '[203.0.113.40/32]', '[22, 443, 80]'))).toEqual([
      `${BASE}.networkFirewall.allowedFlows[0].ports[1]: TCP 443 cannot be an allowed flow: TLS goes through allowedDomains, where the name is checked; an address allowed on 443 passes every site hosted there`,
      `${BASE}.networkFirewall.allowedFlows[0].ports[2]: TCP 80 cannot be an allowed flow: web traffic goes through allowedDomains, where the Host header is checked`,
    ]);
    expect(flowErrors(withFlow('[production]', '[203.0.113.40/32]', '[53]', 'UDP'))).toEqual([
      expect.stringContaining(
        'ports[0]: UDP 53 cannot be an allowed flow: DNS leaves through the Route 53 Resolver',
      ),
    ]);
    // UDP 443 (QUIC) is not web traffic the allow-list could check either way, but it is not refused as TCP is.
    expect(flowErrors(withFlow('[production]', '[203.0.113.40/32]', '[443]', 'UDP'))).toEqual([]);
  });

  it('refuses networks, private and malformed destinations, each at its line', () => {
    const text = withFlow('[production]', '[203.0.0.0/16, 10.1.2.0/24, 203.0.113.41/24, not-a-cidr]', '[22]');
    expect(flowErrors(text)).toEqual([
      `${BASE}.networkFirewall.allowedFlows[0].to[0]: 203.0.0.0/16 is a /16: an allowed flow names a supplier's hosts, a /24 or narrower, not a network`,
      `${BASE}.networkFirewall.allowedFlows[0].to[1]: 10.1.2.0/24 is not a public address (private); the firewall only sees traffic to the internet`,
      `${BASE}.networkFirewall.allowedFlows[0].to[2]: 203.0.113.41/24 has host bits set: did you mean 203.0.113.0/24?`,
      `${BASE}.networkFirewall.allowedFlows[0].to[3]: "not-a-cidr" is not an IPv4 CIDR block (expected a.b.c.d/n)`,
    ]);
    expect(errorsOf(text).find((e) => e.path.endsWith('to[0]'))?.line).toBe(lineOf(text, '203.0.0.0/16'));
  });

  it('refuses an unknown or egress source VPC', () => {
    expect(flowErrors(withFlow('[prodution, egress]', '[203.0.113.40/32]', '[22]'))).toEqual([
      expect.stringMatching(/allowedFlows\[0\]\.from\[0\]: .*prodution.*production/),
      `${BASE}.networkFirewall.allowedFlows[0].from[1]: "egress" is the egress VPC: its own traffic (the NAT gateways') never passes the firewall`,
    ]);
  });

  it('refuses more rules than the rule group holds', () => {
    const ports = `[${Array.from({ length: 101 }, (_, i) => 2000 + i).join(', ')}]`;
    expect(flowErrors(withFlow('[production, non-production]', '[203.0.113.40/32]', ports))).toEqual([
      `${BASE}.networkFirewall.allowedFlows: the flows make 202 firewall rules (each source VPC x destination x port), more than the 200 the rule group holds: merge destinations into fewer flows or narrow them`,
    ]);
  });

  it('is a reason away from an unknown key: the schema is strict', () => {
    const text = edited(['          ports: [22]\n', '          ports: [22]\n          portz: [23]\n']);
    expect(flowErrors(text)).toEqual([expect.stringContaining('allowedFlows[0].portz: unknown key "portz"')]);
  });
});
