import { z } from 'zod';
import { ALL_REGIONS, DATA_RESIDENCY_RULES } from './regions';
import { ConnectivitySchema } from './schema-connectivity';
import { CidrText, LogRetentionDays, ResourceName } from './schema-primitives';
import { DataProtectionSchema } from './schema-data-protection';
import { DeliverySchema } from './schema-delivery';
import { EgressInspectionSchema } from './schema-egress-inspection';
import { MonitoringSchema } from './schema-monitoring';
import { OperationsSchema } from './schema-operations';
import { SecurityBaselineSchema } from './schema-security-baseline';

/*
 * The single source of the landing-zone configuration: TypeScript types are inferred from it, the
 * loader validates with it, and `lz schema --write` turns it into schema/landing-zone.schema.json
 * for editors. Every object is strict, so a mistyped key is an error rather than a silent no-op.
 */

export { CidrText, ResourceName } from './schema-primitives';

/** The council's minimum log retention when `organisation.minimumLogRetentionDays` is not set: one year. */
export const DEFAULT_MINIMUM_LOG_RETENTION_DAYS = 365;

const Organisation = z
  .strictObject({
    name: z.string().min(3).meta({ description: 'The council, as it appears on reports.' }),
    shortName: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,7}$/, 'must be 2 to 8 lower-case letters or digits, starting with a letter')
      .meta({ description: 'Prefix for stack and resource names, e.g. kvdc.' }),
    homeRegion: z
      .enum(ALL_REGIONS)
      .meta({ description: 'Where everything is deployed. eu-west-2 (London) for UK councils.' }),
    drRegion: z
      .enum(ALL_REGIONS)
      .optional()
      .meta({ description: 'Optional disaster-recovery region; must satisfy dataResidency.' }),
    dataResidency: z.enum(DATA_RESIDENCY_RULES).meta({
      description:
        'Where council data may be stored: uk-only (London only), uk-and-eea (UK and EEA regions), uk-adequacy (countries with UK adequacy regulations).',
    }),
    costCentre: z.string().min(1).meta({ description: 'Default cost-centre tag for shared infrastructure.' }),
    owner: z
      .string()
      .min(1)
      .meta({ description: 'Team that owns the landing zone (tag and alert routing).' }),
    minimumLogRetentionDays: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({
        description: `The shortest retention any CloudWatch Logs log group may have, in days (Council-LogRetentionMinimum). Default ${DEFAULT_MINIMUM_LOG_RETENTION_DAYS}.`,
      }),
  })
  .meta({ description: 'The council and its organisation-wide rules.' });

export const ACCOUNT_ROLES = [
  'network',
  'shared-services',
  'log-archive',
  'security',
  'management',
  'backup',
  'production',
  'non-production',
  'delivery',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

const Account = z.strictObject({
  name: ResourceName,
  id: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id written as a quoted string')
    .meta({ description: 'The 12-digit AWS account id, quoted so YAML keeps leading zeros.' }),
  role: z.enum(ACCOUNT_ROLES).meta({
    description:
      'network owns the Transit Gateway and VPCs; shared-services hosts DNS and tooling; production and non-production hold workloads; log-archive keeps the immutable log archive; security is the audit account (delegated administrator of the detection services); management is the AWS Organizations management account, which holds no workloads; delivery is the dedicated CI/CD and operations tooling account (pipelines, GitHub diff role, the principals lz ops runs as), which holds no workloads and no VPC.',
  }),
  description: z.string().optional(),
});

export const SUBNET_TYPES = ['public', 'private', 'isolated', 'transit', 'firewall'] as const;
export type SubnetType = (typeof SUBNET_TYPES)[number];

const SubnetTier = z.strictObject({
  name: ResourceName,
  type: z.enum(SUBNET_TYPES).meta({
    description:
      'public: internet-facing (egress VPC only); private: default route to central egress; isolated: internal routes only; transit: Transit Gateway attachment ENIs; firewall: AWS Network Firewall endpoints (egress VPC only, with network.egressInspection.networkFirewall).',
  }),
  cidrMask: z
    .int()
    .min(16)
    .max(28)
    .meta({ description: 'Prefix length of each subnet in the tier (one per AZ), 16 to 28.' }),
  cidrs: z.array(CidrText).optional().meta({
    description:
      'Optional explicit subnet blocks, one per availability zone in order. Allocated in order when absent.',
  }),
});

export const VPC_PURPOSES = ['egress', 'shared-services', 'workload'] as const;
export type VpcPurpose = (typeof VPC_PURPOSES)[number];

export const GATEWAY_ENDPOINTS = ['s3', 'dynamodb'] as const;
export const INTERFACE_ENDPOINTS = [
  'ssm',
  'ssmmessages',
  'ec2messages',
  'ec2',
  'mgn',
  'logs',
  'monitoring',
  'kms',
  'secretsmanager',
  'sts',
  'rds',
  'backup',
  'sns',
  'sqs',
  'ecr.api',
  'ecr.dkr',
] as const;
export const ENDPOINT_SERVICES = [...GATEWAY_ENDPOINTS, ...INTERFACE_ENDPOINTS] as const;
export type EndpointService = (typeof ENDPOINT_SERVICES)[number];

const Vpc = z.strictObject({
  name: ResourceName,
  purpose: z.enum(VPC_PURPOSES),
  account: ResourceName.meta({
    description: 'Name of the account the VPC subnets are shared with (the network account owns the VPC).',
  }),
  cidr: CidrText,
  availabilityZones: z
    .array(z.string())
    .optional()
    .meta({ description: 'Subset of network.availabilityZones for this VPC. Defaults to all of them.' }),
  subnets: z.array(SubnetTier).min(1),
  endpoints: z.array(z.enum(ENDPOINT_SERVICES)).default([]).meta({
    description:
      'VPC endpoints. s3 and dynamodb are gateway endpoints; the rest are interface endpoints in the private tier.',
  }),
  description: z.string().optional(),
});

/** Who is on an on-premises network: council staff and devices, or members of the public. */
export const ON_PREMISES_AUDIENCES = ['staff', 'public'] as const;
export type OnPremisesAudience = (typeof ON_PREMISES_AUDIENCES)[number];

const OnPremisesNetwork = z.strictObject({
  name: ResourceName,
  cidr: CidrText.meta({ description: 'Inside its range, overlapping no other network of the range.' }),
  description: z.string().optional(),
  audience: z.enum(ON_PREMISES_AUDIENCES).optional().meta({
    description:
      "Who is on it; default the range's. A range with a public network is never admitted whole: name its staff networks.",
  }),
});

const OnPremisesRange = z.strictObject({
  name: ResourceName,
  cidr: CidrText,
  description: z.string().optional(),
  audience: z.enum(ON_PREMISES_AUDIENCES).default('staff').meta({
    description:
      'staff: council staff and devices. public: guest or public Wi-Fi and public PCs; a public range (or a range with a public network) is never admitted to a council service (workload access, database ranges).',
  }),
  networks: z.array(OnPremisesNetwork).default([]).meta({
    description:
      'Named parts of the range, so a rule can admit less than all of it: a wave file names one as <range>/<network> in access[].from, e.g. civic-centre/staff-desktops for file shares.',
  }),
});

const NAT_CHOICES = ['per-az', 'single'] as const;

const Network = z.strictObject({
  availabilityZones: z.array(z.string()).min(2).meta({
    description:
      'Availability zones used by the landing zone, in the home region, e.g. [eu-west-2a, eu-west-2b, eu-west-2c].',
  }),
  awsAddressSpace: z
    .array(CidrText)
    .min(1)
    .meta({ description: 'Blocks reserved for AWS. Every VPC must sit inside one.' }),
  onPremisesRanges: z.array(OnPremisesRange).meta({
    description: 'Council networks that AWS must never overlap (and that are routed over the VPNs).',
  }),
  transitGateway: z.strictObject({
    name: ResourceName,
    amazonSideAsn: z
      .int()
      .refine((asn) => (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294), {
        message: 'must be a private ASN (64512-65534 or 4200000000-4294967294)',
      })
      .meta({ description: 'Private BGP ASN of the AWS side.' }),
  }),
  egress: z.strictObject({
    vpc: ResourceName.meta({ description: 'Name of the VPC (purpose egress) that holds the NAT gateways.' }),
    natGateways: z.enum(NAT_CHOICES).meta({
      description:
        'per-az: one NAT gateway per AZ, survives an AZ outage, costs more; single: one NAT gateway, cheaper, internet egress stops if its AZ fails.',
    }),
  }),
  flowLogs: z.strictObject({
    trafficType: z.enum(['ALL', 'ACCEPT', 'REJECT']).default('ALL'),
    retentionDays: LogRetentionDays,
    maxAggregationIntervalSeconds: z
      .union([z.literal(60), z.literal(600)], { error: 'must be 60 or 600' })
      .default(600),
  }),
  vpcs: z.array(Vpc).min(1),
  egressInspection: EgressInspectionSchema.optional().meta({
    description:
      'DNS Firewall, NCSC Protective DNS forwarding and Network Firewall (see docs/landing-zone.md). Omit for none of them.',
  }),
});

export const LandingZoneSchema = z
  .strictObject({
    $schema: z.string().optional(),
    organisation: Organisation,
    accounts: z.array(Account).min(1),
    network: Network,
    connectivity: ConnectivitySchema.optional().meta({
      description:
        'Hybrid connectivity: site-to-site VPNs from council sites and hybrid DNS. Omit for an AWS-only landing zone.',
    }),
    dataProtection: DataProtectionSchema.optional().meta({
      description: 'Backup tiers, vaults and databases (see docs/data-protection.md).',
    }),
    delivery: DeliverySchema.optional().meta({
      description:
        'The CI/CD pipelines: deployment account, repository, branch, source connection (see docs/delivery.md).',
    }),
    operations: OperationsSchema.optional().meta({
      description: 'The IAM roles the lz ops commands read through (see docs/operations.md).',
    }),
    monitoring: MonitoringSchema.optional().meta({
      description: 'Alarms derived from the plan, dashboards and who they notify (see docs/operations.md).',
    }),
    securityBaseline: SecurityBaselineSchema.optional().meta({
      description:
        'Organisation trail, log archive, detection, guardrails and security alarms (see docs/security-baseline.md). Omit to deploy none of it.',
    }),
  })
  .meta({ title: 'Council landing zone configuration' });

export type LandingZoneConfig = z.infer<typeof LandingZoneSchema>;
export type OrganisationConfig = LandingZoneConfig['organisation'];
export type AccountConfig = LandingZoneConfig['accounts'][number];
export type NetworkConfig = LandingZoneConfig['network'];
export type VpcConfig = NetworkConfig['vpcs'][number];
export type SubnetTierConfig = VpcConfig['subnets'][number];
export type OnPremisesRangeConfig = NetworkConfig['onPremisesRanges'][number];

/** Element schemas, so cross-field rules can still check the valid parts of a file with schema errors. */
export const ElementSchemas = { Organisation, Account, Vpc, OnPremisesRange, Network } as const;

export type ConnectivityConfig = NonNullable<LandingZoneConfig['connectivity']>;
