import { z } from 'zod';
import { parseIpv4 } from '../ipv4';
import { CidrText, LogRetentionDays, ResourceName } from './schema-primitives';

/*
 * `network.egressInspection`: what inspects traffic leaving the landing zone. Three independent
 * options, each off until its block is present: Route 53 Resolver DNS Firewall with the AWS managed
 * threat lists on named VPCs, forwarding of internet DNS to the NCSC Protective DNS service, and AWS
 * Network Firewall with a domain allow-list in the egress VPC. References (VPC names, the firewall
 * tier, the hybrid DNS endpoint the forwarding needs) are checked by lib/config/rules/egress-inspection.ts.
 */

/**
 * The AWS managed domain lists DNS Firewall can block, by the names AWS gives them in every region
 * (their IDs differ per region, so they are looked up at deploy time).
 */
export const MANAGED_DOMAIN_LISTS = [
  'AWSManagedDomainsMalwareDomainList',
  'AWSManagedDomainsBotnetCommandandControl',
  'AWSManagedDomainsAggregateThreatList',
  'AWSManagedDomainsAmazonGuardDutyThreatList',
] as const;
export type ManagedDomainList = (typeof MANAGED_DOMAIN_LISTS)[number];

/** The most domains the allow-list may hold: the rule group's fixed capacity is twice this (HTTP and TLS). */
export const MAX_ALLOWED_DOMAINS = 500;

/** The most NCSC PDNS addresses: the pass rules' fixed rule-group capacity is sized for them. */
export const MAX_PROTECTIVE_DNS_RESOLVERS = 4;

const Ipv4Address = z
  .string()
  .refine((text) => parseIpv4(text) !== undefined, {
    error: (issue) => `"${String(issue.input)}" is not an IPv4 address (expected a.b.c.d)`,
  })
  .meta({ description: 'An IPv4 address in dotted-decimal form, e.g. 203.0.113.10.' });

const DnsFirewallAssociation = z
  .strictObject({
    vpc: ResourceName.meta({
      description: 'A VPC of network.vpcs (not the egress VPC) whose Route 53 Resolver filters DNS queries.',
    }),
    failOpen: z.boolean().default(false).meta({
      description:
        'What the VPC resolver does if DNS Firewall cannot answer: false (closed, the default) refuses the queries, true (open) lets them through unfiltered. Closed keeps the protection a control that cannot switch itself off; open suits VPCs whose availability matters more than filtering.',
    }),
  })
  .meta({ description: 'One VPC protected by DNS Firewall.' });

const DnsFirewall = z
  .strictObject({
    managedDomainLists: z
      .array(z.enum(MANAGED_DOMAIN_LISTS))
      .min(1)
      .default([...MANAGED_DOMAIN_LISTS])
      .meta({
        description: `AWS managed threat lists whose domains are blocked (answer NODATA), in priority order. Default: all of ${MANAGED_DOMAIN_LISTS.join(', ')}.`,
      }),
    associations: z.array(DnsFirewallAssociation).min(1).meta({
      description: 'The VPCs whose DNS queries DNS Firewall filters, and how each fails.',
    }),
    queryLogRetentionDays: LogRetentionDays.optional().meta({
      description:
        'Retention of the query logs (which record every block) of protected VPCs that hybrid DNS does not already log. Default: network.flowLogs.retentionDays.',
    }),
  })
  .meta({
    description:
      'Route 53 Resolver DNS Firewall: blocks names on the AWS managed threat lists for the listed VPCs.',
  });

const ProtectiveDns = z
  .strictObject({
    resolverIps: z.array(Ipv4Address).min(1).max(MAX_PROTECTIVE_DNS_RESOLVERS).meta({
      description:
        'The NCSC Protective DNS resolver addresses issued to the council when it joined the service (public IPv4 addresses). Never written into code.',
    }),
    vpcs: z.array(ResourceName).min(1).meta({
      description:
        'VPCs whose internet DNS is forwarded to Protective DNS (every name the VPC, its private hosted zones and the Active Directory rules do not answer).',
    }),
  })
  .meta({
    description:
      "Forwarding of internet DNS to the NCSC Protective DNS service through hybrid DNS's outbound endpoint (needs connectivity.dns).",
  });

const DomainName = z
  .string()
  .regex(
    /^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a lower-case domain name, with a leading dot to include its subdomains, e.g. .gov.uk or api.example.com',
  )
  .meta({
    description:
      'A domain the firewall lets HTTP and TLS traffic reach: example.com for that name only, .example.com for it and every subdomain.',
  });

const AllowedFlow = z
  .strictObject({
    name: ResourceName.meta({
      description: 'What the flow is for, unique among the flows, e.g. bacs-bureau-sftp.',
    }),
    from: z.array(ResourceName).min(1).meta({
      description: 'VPCs of network.vpcs (not the egress VPC) whose address ranges may open the flow.',
    }),
    protocol: z.enum(['TCP', 'UDP']).meta({ description: 'TCP or UDP.' }),
    to: z.array(CidrText).min(1).meta({
      description:
        'The public hosts the flow reaches, as CIDR blocks of /24 or narrower (a supplier host, not a network).',
    }),
    ports: z.array(z.number().int().min(1).max(65535)).min(1).meta({
      description:
        'Destination ports. Not 80 or 443 over TCP (web traffic goes through allowedDomains, where the name is checked) and not 53 (DNS goes through the Resolver).',
    }),
    reason: z.string().min(10).meta({
      description: 'Why the council needs the flow, for the reviewer and the firewall rule group.',
    }),
  })
  .meta({
    description:
      'Traffic other than HTTP and TLS that may leave through the firewall: a protocol and ports to named public hosts, from named VPCs.',
  });

const NetworkFirewall = z
  .strictObject({
    allowedDomains: z.array(DomainName).min(1).max(MAX_ALLOWED_DOMAINS).meta({
      description:
        'Domains HTTP (Host header) and HTTPS (TLS SNI) traffic from the AWS address space may reach. Every other flow to the internet is dropped and logged.',
    }),
    allowedFlows: z.array(AllowedFlow).default([]).meta({
      description:
        'Non-web flows the firewall passes (an SMTP relay, SFTP to a supplier), each from named VPCs to named hosts and ports. Default: none; everything but HTTP and TLS to allowedDomains is dropped.',
    }),
    logRetentionDays: LogRetentionDays.optional().meta({
      description:
        'Retention of the firewall alert and flow logs, in days. Default: network.flowLogs.retentionDays.',
    }),
  })
  .meta({
    description:
      'AWS Network Firewall in the egress VPC (its firewall tier), between the Transit Gateway and the NAT gateways, with a domain allow-list.',
  });

export const EgressInspectionSchema = z
  .strictObject({
    dnsFirewall: DnsFirewall.optional(),
    protectiveDns: ProtectiveDns.optional(),
    networkFirewall: NetworkFirewall.optional(),
  })
  .meta({
    description:
      'Inspection of traffic leaving the landing zone: DNS Firewall, NCSC Protective DNS forwarding and Network Firewall. Each is off until configured.',
  });

/** Element schemas, so cross-field rules can still check the valid parts of the section. */
export const EgressInspectionElementSchemas = {
  DnsFirewall,
  DnsFirewallAssociation,
  ProtectiveDns,
  NetworkFirewall,
  AllowedFlow,
} as const;

export type EgressInspectionConfig = z.infer<typeof EgressInspectionSchema>;
export type DnsFirewallConfig = z.infer<typeof DnsFirewall>;
export type ProtectiveDnsConfig = z.infer<typeof ProtectiveDns>;
export type NetworkFirewallConfig = z.infer<typeof NetworkFirewall>;
export type AllowedFlowConfig = z.infer<typeof AllowedFlow>;
