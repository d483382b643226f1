import { z } from 'zod';
import { CidrText, LogRetentionDays, ResourceName } from './schema-primitives';

/*
 * The `connectivity` section: site-to-site VPNs from council sites to the Transit Gateway, and
 * hybrid DNS between AWS and the council's Active Directory. Like the rest of the schema, every
 * object is strict. Checks that need more than one field (private ASNs, reserved inside CIDRs,
 * overlaps, public addresses) are cross-field rules in lib/config/rules/, so each is reported
 * with its own message and line rather than as a generic schema error.
 */

const Ipv4Address = z
  .string()
  .meta({ description: 'An IPv4 address in dotted-decimal form, e.g. 203.0.113.10.' });

const Asn = z.int().min(1).max(4294967294).meta({
  description: 'A BGP autonomous system number. Must be private (64512-65534 or 4200000000-4294967294).',
});

const EmailAddress = z
  .email()
  .meta({ description: 'A role mailbox (never a person), e.g. network-team@kestrelvale.gov.uk.' });

const CustomerGateway = z
  .strictObject({
    name: ResourceName.meta({
      description: 'Stable name of the device at the site, e.g. edge-1. Renaming replaces its VPN.',
    }),
    publicIp: Ipv4Address.meta({
      description:
        "The fixed public IPv4 address of the device's internet-facing interface. Must be public and unique.",
    }),
    bgpAsn: Asn.optional().meta({
      description:
        "This device's own ASN, if it differs from the site's routing.asn. Ignored for static routing.",
    }),
    tunnelInsideCidrs: z
      .array(CidrText)
      .length(2, 'give exactly two blocks, one per tunnel')
      .optional()
      .meta({
        description:
          'Optional /30 blocks inside 169.254.0.0/16 for tunnel 1 and tunnel 2, when the site needs fixed BGP peer addresses. AWS picks them when absent.',
      }),
    description: z.string().optional(),
  })
  .meta({
    description: 'One VPN device at the site. Each device gets its own VPN connection with two tunnels.',
  });

export const SITE_ROUTING_TYPES = ['bgp', 'static'] as const;

/** How far the council trusts a site's network and router (lib/network/segmentation.ts routes by it). */
export const SITE_TRUST_LEVELS = ['standard', 'low'] as const;
export type SiteTrust = (typeof SITE_TRUST_LEVELS)[number];

const SiteRouting = z
  .strictObject({
    type: z.enum(SITE_ROUTING_TYPES).meta({
      description:
        "bgp: the device advertises the site's networks (preferred: fails over between tunnels by itself); static: fixed prefixes, for devices without BGP.",
    }),
    asn: Asn.optional().meta({
      description: "The site's private ASN. Required for bgp, not allowed for static.",
    }),
    prefixes: z.array(CidrText).optional().meta({
      description:
        'Networks routed to the site over the VPN. Required for static, not allowed for bgp (the device advertises them).',
    }),
  })
  .meta({ description: "How AWS learns the site's networks." });

const Site = z
  .strictObject({
    name: ResourceName.meta({
      description:
        'Stable name of the site, e.g. civic-centre-dc. Construct IDs and alarm names derive from it.',
    }),
    description: z
      .string()
      .min(1)
      .meta({ description: 'What the site is, for alarms, the dashboard and the CMDB.' }),
    customerGateways: z.array(CustomerGateway).min(1).max(4).meta({
      description:
        "The site's VPN devices. Give two for a site that must survive the loss of a device or an internet line (the data centre).",
    }),
    routing: SiteRouting,
    lanRanges: z.array(CidrText).min(1).meta({
      description:
        'Networks at the site. Each must sit inside one of network.onPremisesRanges and overlap no VPC, the AWS space or another site.',
    }),
    bandwidthMbps: z.int().min(1).max(10000).optional().meta({
      description:
        "Usable bandwidth of the site's VPN path, megabits per second: the slower of its internet line and its VPN device's IPsec throughput (an AWS VPN tunnel carries up to 1,250). Server replication (AWS MGN) is throttled to a share of it.",
    }),
    acceleration: z.boolean().default(false).meta({
      description:
        'Accelerated VPN over the AWS Global Accelerator network, for distant or congested internet paths. Changing it replaces the VPN connections.',
    }),
    alertEmails: z.array(EmailAddress).default([]).meta({
      description:
        'Extra role mailboxes alerted about this site only (in addition to connectivity.alerting.emails).',
    }),
    trust: z.enum(SITE_TRUST_LEVELS).default('standard').meta({
      description:
        "standard: the site's VPN reaches production, non-production and shared services, and its routes are propagated into their route tables. low: for a site whose network or router the council trusts less (public Wi-Fi, a shared or unstaffed building): its VPN is associated with a route table of its own that reaches only the shared services, and only their table learns its routes, so whatever its router announces cannot draw production or non-production traffic. Moving a deployed site between the two takes two deployments (docs/hybrid-connectivity.md).",
    }),
    tunnelHardening: z.enum(['applied', 'pending']).default('applied').meta({
      description:
        "applied: the tunnels offer only Diffie-Hellman groups 14, 15, 16, 19, 20 and 21 and keep their keys in Secrets Manager. pending: the site's connections were deployed before that and keep their deployed settings until a change window, because changing either replaces the connections (new outside IP addresses: the site's router must be reconfigured). Every validation warns about a pending site.",
    }),
  })
  .meta({ description: 'A council site connected to the Transit Gateway by site-to-site VPN.' });

const OnPremisesDnsServer = z.strictObject({
  name: ResourceName.meta({ description: 'Stable name of the DNS server, e.g. dc-ad-1.' }),
  ip: Ipv4Address.meta({ description: 'Its address; must be inside network.onPremisesRanges.' }),
  description: z.string().optional(),
});

const ForwardedDomain = z.strictObject({
  name: ResourceName.meta({ description: 'Stable name of the forwarding rule, e.g. kvdc-local.' }),
  domain: z
    .string()
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
      'must be a lower-case DNS domain name without a trailing dot, e.g. corp.kestrelvale.gov.uk',
    )
    .meta({ description: 'The Active Directory (or other on-premises) domain to forward, e.g. kvdc.local.' }),
  servers: z.array(ResourceName).min(1).optional().meta({
    description: 'Names from dns.onPremisesServers that answer for the domain. Defaults to all of them.',
  }),
});

const HybridDns = z
  .strictObject({
    endpoints: z
      .strictObject({
        vpc: ResourceName.meta({
          description: 'The VPC (purpose shared-services) that holds the resolver endpoints.',
        }),
        subnetTier: ResourceName.meta({
          description:
            'The private or isolated tier of that VPC to place the endpoint addresses in, one per availability zone.',
        }),
      })
      .meta({ description: 'Where the Route 53 Resolver inbound and outbound endpoints live.' }),
    onPremisesServers: z
      .array(OnPremisesDnsServer)
      .min(1)
      .meta({ description: "The council's DNS servers (usually the AD domain controllers)." }),
    forwardedDomains: z.array(ForwardedDomain).min(1).meta({
      description: 'Domains that AWS resolves by asking the on-premises DNS servers.',
    }),
    ruleAssociations: z.array(ResourceName).min(1).meta({
      description:
        'VPCs whose resolver uses the forwarding rules. The network account owns every VPC and associates them directly.',
    }),
    queryLogRetentionDays: LogRetentionDays.meta({
      description:
        'Retention of Route 53 Resolver query logs, in days (one of the values CloudWatch accepts).',
    }),
  })
  .meta({
    description:
      "Hybrid DNS: AWS resolves the council's AD domains, and on-premises resolves AWS through the inbound endpoint.",
  });

const Alerting = z
  .strictObject({
    emails: z.array(EmailAddress).min(1).meta({
      description: 'Role mailboxes alerted about every VPN (the network team and the support rota).',
    }),
    tunnelDownMinutes: z.int().min(1).max(60).default(5).meta({
      description:
        'How many consecutive minutes a tunnel must be down before it alarms. Short blips during AWS maintenance are normal.',
    }),
  })
  .meta({ description: 'Who hears about VPN tunnels going down, and how soon.' });

export const ConnectivitySchema = z
  .strictObject({
    alerting: Alerting,
    tunnelLogRetentionDays: LogRetentionDays.meta({
      description:
        'Retention of VPN tunnel (IKE and BGP) logs, in days (one of the values CloudWatch accepts).',
    }),
    sites: z
      .array(Site)
      .default([])
      .meta({ description: 'Council sites with a VPN to the Transit Gateway.' }),
    dns: HybridDns.optional(),
  })
  .meta({ description: "Hybrid connectivity between the council's sites and AWS." });

/** Element schemas, so cross-field rules can still check the valid parts of a section with errors. */
export const ConnectivityElementSchemas = {
  Site,
  HybridDns,
  Alerting,
  OnPremisesDnsServer,
  ForwardedDomain,
} as const;

export type SiteConfig = z.infer<typeof Site>;
export type CustomerGatewayConfig = SiteConfig['customerGateways'][number];
export type HybridDnsConfig = z.infer<typeof HybridDns>;
export type OnPremisesDnsServerConfig = z.infer<typeof OnPremisesDnsServer>;
export type ForwardedDomainConfig = z.infer<typeof ForwardedDomain>;
export type AlertingConfig = z.infer<typeof Alerting>;
