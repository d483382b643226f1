import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sortDiagnostics, unreadable, type Diagnostic } from '../config/diagnostics';
import { schemaDiagnostics } from '../config/load';
import { YamlSource } from '../config/yaml-source';

/*
 * What the templates cannot say: how much data goes through a NAT gateway, how many GB of logs a log
 * group takes in, how far backups grow. Each assumption has a documented default (used when the file
 * leaves it out), a unit, and a description; every priced line that depends on one names it, so the
 * figure and the assumption behind it are read side by side. Strict: an unknown key is an error.
 */

export interface AssumptionDefinition {
  readonly default: number;
  /** What one unit of the value is, e.g. "GB a month per NAT gateway". */
  readonly unit: string;
  readonly description: string;
}

/** Every assumption, by group and key: the one place their defaults and meanings live. */
export const ASSUMPTIONS = {
  network: {
    natGatewayGbPerMonth: {
      default: 200,
      unit: 'GB a month per NAT gateway',
      description: 'Data processed by each NAT gateway (central egress to the internet).',
    },
    transitGatewayGbPerAttachmentMonth: {
      default: 100,
      unit: 'GB a month per attachment',
      description: 'Data sent into the Transit Gateway through each VPC or VPN attachment.',
    },
    interfaceEndpointGbPerEndpointMonth: {
      default: 10,
      unit: 'GB a month per interface endpoint',
      description: 'Data processed by each interface VPC endpoint.',
    },
    resolverQueriesMillionPerEndpointMonth: {
      default: 5,
      unit: 'million queries a month per Resolver endpoint',
      description: 'DNS queries forwarded through each Route 53 Resolver endpoint (hybrid DNS).',
    },
    dnsFirewallQueriesMillionPerAssociationMonth: {
      default: 10,
      unit: 'million queries a month per DNS Firewall rule group association',
      description: 'DNS queries a VPC makes that DNS Firewall inspects.',
    },
    networkFirewallGbPerFirewallMonth: {
      default: 300,
      unit: 'GB a month per Network Firewall',
      description: 'Traffic inspected by each AWS Network Firewall.',
    },
  },
  logs: {
    ingestedGbPerLogGroupMonth: {
      default: 1,
      unit: 'GB a month per log group',
      description: 'Log data written to each CloudWatch Logs log group.',
    },
    storedGbPerLogGroup: {
      default: 6,
      unit: 'GB stored per log group',
      description: 'Log data held in each log group at steady state (ingest times retention, compressed).',
    },
    flowLogGbPerFlowLogMonth: {
      default: 20,
      unit: 'GB a month per flow log',
      description: 'VPC flow log records delivered to CloudWatch Logs by each flow log.',
    },
    firehoseGbPerStreamMonth: {
      default: 20,
      unit: 'GB a month per delivery stream',
      description: 'Log data forwarded to the log archive by each Firehose delivery stream.',
    },
    customMetricsPerServer: {
      default: 10,
      unit: 'custom metrics per migrated server',
      description:
        'Metrics the CloudWatch agent publishes from each server launched by MGN (memory, disk, ...).',
    },
  },
  backup: {
    storedGbPerSourceGb: {
      default: 1.5,
      unit: 'GB stored per GB protected, per copy',
      description:
        'Backup storage each copy holds for one GB of database or server disk (the full copy plus incremental changes over the retention).',
    },
    drCopyChangedGbPerSourceGbMonth: {
      default: 0.3,
      unit: 'GB copied a month per GB protected',
      description: 'Data each DR-region copy moves between regions a month (changed blocks).',
    },
    growthPercentPerYear: {
      default: 10,
      unit: 'percent a year',
      description: 'How fast protected data (and so backup storage) grows; used for the forecast chart.',
    },
    restoreTestsPerPlanMonth: {
      default: 4,
      unit: 'restore test jobs a month per restore testing plan',
      description: 'Restore jobs each restore testing plan runs a month.',
    },
    auditEvaluationsPerFrameworkMonth: {
      default: 1000,
      unit: 'evaluations a month per Backup Audit Manager framework',
      description: 'Control evaluations each Backup Audit Manager framework records.',
    },
  },
  security: {
    configItemsPerRecorderMonth: {
      default: 2000,
      unit: 'configuration items a month per recorder',
      description: 'Resource changes each AWS Config recorder records.',
    },
    configRuleEvaluationsPerRuleMonth: {
      default: 2000,
      unit: 'evaluations a month per Config rule',
      description: 'Evaluations each AWS Config rule runs.',
    },
    conformancePackEvaluationsPerPackMonth: {
      default: 5000,
      unit: 'evaluations a month per conformance pack',
      description: 'Evaluations each conformance pack runs.',
    },
    guardDutyCloudTrailEventsMillionPerDetectorMonth: {
      default: 2,
      unit: 'million CloudTrail events a month per detector',
      description: 'Management events each GuardDuty detector analyses.',
    },
    guardDutyLogGbPerDetectorMonth: {
      default: 20,
      unit: 'GB of flow and DNS logs a month per detector',
      description: 'VPC flow and DNS logs each GuardDuty detector analyses.',
    },
    guardDutyS3EventsMillionPerDetectorMonth: {
      default: 1,
      unit: 'million S3 data events a month per detector',
      description: 'S3 data events each GuardDuty detector analyses (S3 protection).',
    },
    securityHubChecksPerHubMonth: {
      default: 10000,
      unit: 'security checks a month per hub',
      description: 'Security checks Security Hub runs in each account and region it is enabled in.',
    },
    cloudTrailDataEvents100kPerTrailMonth: {
      default: 10,
      unit: 'hundred thousand data events a month per trail',
      description: 'Data events (log-archive object reads and writes) each trail delivers.',
    },
    s3StandardGbPerBucket: {
      default: 200,
      unit: 'GB in S3 Standard per bucket',
      description: 'Objects each bucket holds in S3 Standard (the newest logs).',
    },
    s3DeepArchiveGbPerBucket: {
      default: 2000,
      unit: 'GB in S3 Glacier Deep Archive per bucket with a lifecycle to it',
      description: 'Objects each archive bucket holds in Glacier Deep Archive (older logs kept for years).',
    },
  },
  services: {
    kmsRequests10kPerKeyMonth: {
      default: 10,
      unit: 'ten thousand requests a month per key',
      description: 'Encrypt, decrypt and data-key requests made with each customer managed key.',
    },
    secretsManagerApiCalls10kPerSecretMonth: {
      default: 1,
      unit: 'ten thousand API calls a month per secret',
      description: 'Reads of each secret.',
    },
    lambdaRequestsMillionPerFunctionMonth: {
      default: 0.1,
      unit: 'million invocations a month per function',
      description: 'Invocations of each Lambda function (custom resources, event forwarding).',
    },
    lambdaGbSecondsPerFunctionMonth: {
      default: 1000,
      unit: 'GB-seconds a month per function',
      description: 'Compute each Lambda function uses.',
    },
    snsRequestsMillionPerTopicMonth: {
      default: 0.1,
      unit: 'million publishes a month per topic',
      description: 'Messages published to each SNS topic.',
    },
    eventsDeliveredMillionPerRuleMonth: {
      default: 0.1,
      unit: 'million events a month per rule that sends to another account or region',
      description: 'Events each EventBridge rule forwards to another bus.',
    },
  },
  migration: {
    sourceRunsDaysAfterCutover: {
      default: 30,
      unit: 'days',
      description:
        'How long a source keeps running after its cutover (for rollback) when its wave file gives no decommissionDate; used for the forecast only: a saving is realised only once the source is recorded as off.',
    },
    dmsServerlessDcuHoursPerConfigMonth: {
      default: 730,
      unit: 'DCU-hours a month per DMS Serverless replication',
      description: 'Capacity each DMS Serverless replication uses (one DCU all month by default).',
    },
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, AssumptionDefinition>>>>;

type Groups = typeof ASSUMPTIONS;
export type AssumptionGroup = keyof Groups;
/** "network.natGatewayGbPerMonth" */
export type AssumptionKey = {
  [G in AssumptionGroup]: `${G & string}.${keyof Groups[G] & string}`;
}[AssumptionGroup];

function groupSchema(group: Readonly<Record<string, AssumptionDefinition>>) {
  return z
    .strictObject(
      Object.fromEntries(
        Object.entries(group).map(([key, d]) => [
          key,
          z
            .number()
            .nonnegative()
            .default(d.default)
            .meta({ description: `${d.description} Unit: ${d.unit}. Default ${d.default}.` }),
        ]),
      ),
    )
    .default({});
}

export const UsageAssumptionsSchema = z
  .strictObject({
    $schema: z.string().optional(),
    ...Object.fromEntries(
      Object.entries(ASSUMPTIONS).map(([group, defs]) => [
        group,
        groupSchema(defs as Readonly<Record<string, AssumptionDefinition>>),
      ]),
    ),
  })
  .meta({ title: 'Cost estimate usage assumptions' });

export const USAGE_ASSUMPTIONS_JSON_SCHEMA_PATH = 'schema/usage-assumptions.schema.json';

/** JSON Schema of pricing/usage-assumptions.yaml, for editors. */
export function usageAssumptionsJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(UsageAssumptionsSchema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;
}

/** The assumptions in force: every key with its value, and where the value came from. */
export interface UsageAssumptions {
  readonly file?: string;
  readonly values: Readonly<Record<AssumptionKey, number>>;
  /** Keys the file sets (the rest are defaults). */
  readonly fromFile: readonly AssumptionKey[];
}

export function assumptionKeys(): AssumptionKey[] {
  return Object.entries(ASSUMPTIONS).flatMap(([group, defs]) =>
    Object.keys(defs).map((key) => `${group}.${key}` as AssumptionKey),
  );
}

export function assumptionDefinition(key: AssumptionKey): AssumptionDefinition {
  const [group, name] = key.split('.') as [AssumptionGroup, string];
  return (ASSUMPTIONS[group] as Readonly<Record<string, AssumptionDefinition>>)[name] as AssumptionDefinition;
}

/** Every assumption at its documented default. */
export function defaultAssumptions(): UsageAssumptions {
  return {
    values: Object.fromEntries(assumptionKeys().map((k) => [k, assumptionDefinition(k).default])) as Record<
      AssumptionKey,
      number
    >,
    fromFile: [],
  };
}

export interface UsageAssumptionsResult {
  readonly assumptions?: UsageAssumptions;
  readonly diagnostics: Diagnostic[];
}

export function validateUsageAssumptionsText(file: string, text: string): UsageAssumptionsResult {
  const source = new YamlSource(file, text);
  if (source.parseDiagnostics.length > 0) {
    return { diagnostics: source.parseDiagnostics };
  }
  const parsed = UsageAssumptionsSchema.safeParse(source.data ?? {}, { reportInput: true });
  if (!parsed.success) {
    return {
      diagnostics: sortDiagnostics(schemaDiagnostics(source, parsed.error.issues, UsageAssumptionsSchema)),
    };
  }
  const data = parsed.data as unknown as Record<string, Record<string, number>>;
  const raw = (source.data ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const values = {} as Record<AssumptionKey, number>;
  const fromFile: AssumptionKey[] = [];
  for (const key of assumptionKeys()) {
    const [group, name] = key.split('.') as [string, string];
    values[key] = data[group]?.[name] ?? assumptionDefinition(key).default;
    if (raw[group]?.[name] !== undefined) {
      fromFile.push(key);
    }
  }
  return { assumptions: { file, values, fromFile }, diagnostics: [] };
}

export function validateUsageAssumptionsFile(file: string): UsageAssumptionsResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { diagnostics: [unreadable(file, error)] };
  }
  return validateUsageAssumptionsText(file, text);
}

/** "200 GB a month per NAT gateway (network.natGatewayGbPerMonth, default)" */
export function describeAssumption(assumptions: UsageAssumptions, key: AssumptionKey): string {
  const d = assumptionDefinition(key);
  const origin = assumptions.fromFile.includes(key) ? (assumptions.file ?? 'file') : 'default';
  return `${assumptions.values[key]} ${d.unit} (${key}, ${origin})`;
}
