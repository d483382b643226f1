import type { CfnResourceJson } from '../assembly/template';
import {
  SECURITY_BASELINE_PER_USE,
  type PriceEntry,
  type PriceMatch,
  type PriceTable,
  type Usage,
} from './price-table';
import { instanceTypeFor, SERVERS_STACK, type ServerCostInput } from './servers';
import { TAGS } from '../names';

/*
 * Prices a synthesised cloud assembly with the committed price table. Pure: the caller reads the
 * assembly and the table. Every resource ends up in exactly one of three places: a priced line (with
 * the price's source and date), the explicit free list, or the not-priced list with the reason.
 * Nothing is silently counted as zero.
 */

/** One stack of the assembly with the account and region it deploys to (from manifest.json). */
export interface CostStack {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly resources: Readonly<Record<string, CfnResourceJson>>;
}

/** Resource types with no charge of their own (their cost, if any, is counted on another resource). */
export const FREE_TYPES: Readonly<Record<string, string>> = {
  'AWS::CDK::Metadata': 'CDK metadata, not deployed as a resource',
  'AWS::EC2::VPC': 'no charge for a VPC',
  'AWS::EC2::Subnet': 'no charge for a subnet',
  'AWS::EC2::RouteTable': 'no charge for a route table',
  'AWS::EC2::Route': 'no charge for a route',
  'AWS::EC2::SubnetRouteTableAssociation': 'no charge for an association',
  'AWS::EC2::SecurityGroup': 'no charge for a security group',
  'AWS::EC2::SecurityGroupIngress': 'no charge for a security group rule',
  'AWS::EC2::SecurityGroupEgress': 'no charge for a security group rule',
  'AWS::EC2::InternetGateway': 'no charge for an internet gateway (traffic is charged)',
  'AWS::EC2::VPCGatewayAttachment': 'no charge for attaching a gateway',
  'AWS::EC2::CustomerGateway': 'no charge for a customer gateway (the VPN connection is charged)',
  'AWS::EC2::TransitGateway': 'charged per attachment and per GB, not for the gateway itself',
  'AWS::EC2::TransitGatewayRouteTable': 'no charge for a route table',
  'AWS::EC2::TransitGatewayRouteTableAssociation': 'no charge for an association',
  'AWS::EC2::TransitGatewayRouteTablePropagation': 'no charge for a propagation',
  'AWS::EC2::TransitGatewayRoute': 'no charge for a route',
  'AWS::IAM::Role': 'IAM has no charge',
  'AWS::IAM::Policy': 'IAM has no charge',
  'AWS::IAM::ManagedPolicy': 'IAM has no charge',
  'AWS::RDS::DBSubnetGroup': 'no charge for a subnet group',
  'AWS::RDS::DBParameterGroup': 'no charge for a parameter group',
  'AWS::RDS::OptionGroup': 'no charge for an option group',
  'AWS::RAM::ResourceShare': 'no charge for sharing',
  'AWS::SNS::TopicPolicy': 'no charge for a topic policy',
  'AWS::S3::BucketPolicy': 'no charge for a bucket policy',
  'AWS::KMS::Alias': 'no charge for a key alias',
  'AWS::Organizations::Policy': 'no charge for service control or tag policies',
  'AWS::Config::DeliveryChannel': 'no charge for a delivery channel',
  'AWS::Config::ConfigurationAggregator': 'no charge for an aggregator',
  'AWS::AccessAnalyzer::Analyzer': 'no charge for an external-access analyzer',
  'AWS::Logs::Destination': 'no charge for a CloudWatch Logs destination',
  'AWS::Logs::SubscriptionFilter': 'no charge for a subscription filter (the delivery stream is charged)',
  'AWS::Logs::LogStream': 'no charge for a log stream',
  'AWS::Events::EventBus': 'no charge for an event bus',
  'AWS::Events::EventBusPolicy': 'no charge for a bus policy',
  'AWS::EC2::SnapshotBlockPublicAccess': 'no charge for an account setting',
  'AWS::SecurityHub::DelegatedAdmin': 'no charge for designating an administrator',
  'AWS::SecurityHub::FindingAggregator': 'no charge for cross-region aggregation itself',
  'AWS::SecurityHub::OrganizationConfiguration': 'no charge for an organisation setting',
  'AWS::SecurityHub::ConfigurationPolicy': 'no charge for a configuration policy',
  'AWS::SecurityHub::PolicyAssociation': 'no charge for a policy association',
};

/** Known chargeable types with no rule yet, and why: shown beside the not-priced entry. */
const KNOWN_UNPRICED: Readonly<Record<string, string>> = {
  'AWS::Logs::LogGroup': 'charged per GB ingested and stored; usage is not known from the template',
  'AWS::EC2::FlowLog': 'charged per GB of logs delivered; usage is not known from the template',
  'AWS::SNS::Topic': 'charged per request and delivery; usage is not known from the template',
  'AWS::Lambda::Function': 'charged per request and duration; usage is not known from the template',
  'AWS::Backup::BackupVault': 'charged per GB stored; backup size is not known from the template',
  'AWS::Backup::LogicallyAirGappedBackupVault': 'charged per GB stored; size is not known from the template',
  'AWS::SecretsManager::Secret': 'no sourced price in the price table',
  'AWS::CloudWatch::Alarm': 'no sourced price in the price table',
  'AWS::CloudWatch::CompositeAlarm': 'no sourced price in the price table',
  'AWS::CloudWatch::Dashboard': 'no sourced price in the price table',
  'AWS::Route53Resolver::ResolverEndpoint': 'no sourced price in the price table',
  'AWS::MGN::Application':
    'Application Migration Service is charged per replicating server, not per application',
  'AWS::CloudTrail::Trail':
    'data events are charged per 100,000 (usage price cloudtrail-data-events); volume is not known from the template',
  'AWS::Config::ConfigurationRecorder':
    'charged per configuration item recorded (usage price config-items); changes are not known from the template',
  'AWS::Config::ConfigRule':
    'charged per rule evaluation (usage price config-rule-evaluations); evaluations are not known from the template',
  'AWS::Config::ConformancePack':
    'charged per conformance pack evaluation (usage price config-conformance-pack-evaluations)',
  'AWS::GuardDuty::Detector':
    'charged per event and GB analysed (usage prices guardduty-*); volume is not known from the template',
  'AWS::SecurityHub::Hub':
    'charged per security check (usage price securityhub-checks); checks are not known from the template',
  'AWS::S3::Bucket':
    'charged per GB-month stored (usage prices s3-standard-storage, s3-deep-archive-storage); size is not known from the template',
  'AWS::KinesisFirehose::DeliveryStream': 'charged per GB ingested; no sourced price in the price table',
  'AWS::Events::Rule':
    'no charge for a rule; events forwarded to another account or region are charged per event, volume not known',
};

export interface CostLine {
  readonly stack: string;
  readonly account: string;
  readonly logicalId: string;
  readonly type: string;
  readonly wave?: string;
  readonly workload?: string;
  readonly usage: Usage;
  readonly description: string;
  /** Units per month: hours (count x hoursPerMonth) or GB-months. */
  readonly monthlyQuantity: number;
  readonly unit: PriceEntry['unit'];
  readonly usdPerUnit: number;
  readonly monthlyUsd: number;
  readonly priceId: string;
  readonly source: string;
  readonly date: string;
  readonly confirmed: boolean;
}

export interface NotPriced {
  readonly stack: string;
  readonly account: string;
  readonly logicalId: string;
  readonly type: string;
  readonly wave?: string;
  readonly workload?: string;
  readonly reason: string;
}

export interface Rollup {
  readonly key: string;
  readonly monthlyUsd: number;
  readonly monthlyGbp: number;
  readonly pricedLines: number;
  readonly notPriced: number;
}

export interface CostEstimate {
  readonly region: string;
  readonly hoursPerMonth: number;
  readonly exchangeRate: PriceTable['exchangeRate'];
  readonly lines: readonly CostLine[];
  readonly notPriced: readonly NotPriced[];
  readonly free: readonly { type: string; count: number; reason: string }[];
  readonly byStack: readonly Rollup[];
  readonly byAccount: readonly Rollup[];
  readonly byWave: readonly Rollup[];
  readonly totalUsd: number;
  readonly totalGbp: number;
  /** Prices charged per use (per GB): in the table, not in the estimate, listed so none is forgotten. */
  readonly usageCharges: readonly PriceEntry[];
}

/** Resources tagged with neither a wave nor a workload of a wave: the shared landing zone. */
export const SHARED = 'shared landing zone';
/** Resources tagged with a workload that no wave file names (e.g. a database ahead of its wave). */
export const NO_WAVE = 'workload in no wave';

const USAGE_ONLY: readonly Usage[] = [
  'nat-gateway-data-processed',
  'transit-gateway-data-processed',
  'ebs-snapshot-storage',
  ...SECURITY_BASELINE_PER_USE,
];

interface Facts {
  engine?: string;
  instanceClass?: string;
  multiAz?: boolean;
  storageType?: string;
  instanceType?: string;
  platform?: 'linux' | 'windows';
}

function matches(match: PriceMatch | undefined, facts: Facts): boolean {
  return Object.entries(match ?? {}).every(([k, v]) => facts[k as keyof Facts] === v);
}

export function findPrice(table: PriceTable, usage: Usage, facts: Facts = {}): PriceEntry | undefined {
  return table.prices.find((p) => p.usage === usage && matches(p.match, facts));
}

function tagsOf(resource: CfnResourceJson): Record<string, string> {
  const tags = resource.Properties?.['Tags'];
  const out: Record<string, string> = {};
  if (Array.isArray(tags)) {
    for (const t of tags as unknown[]) {
      if (t && typeof t === 'object') {
        const { Key, Value } = t as { Key?: unknown; Value?: unknown };
        if (typeof Key === 'string' && typeof Value === 'string') {
          out[Key] = Value;
        }
      }
    }
  } else if (tags && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags)) {
      if (typeof v === 'string') {
        out[k] = v;
      }
    }
  }
  return out;
}

function literalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function literalBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function literalNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export type Charge =
  | {
      readonly usage: Usage;
      readonly price: PriceEntry;
      readonly quantity: number;
      readonly description: string;
    }
  | { readonly reason: string };

/** The charges of one resource: priced quantities, or a reason a part could not be priced. */
export function chargesOf(type: string, props: Record<string, unknown>, table: PriceTable): Charge[] {
  const hourly = (usage: Usage, count: number, description: string, facts: Facts = {}): Charge => {
    const price = findPrice(table, usage, facts);
    return price
      ? { usage, price, quantity: count * table.hoursPerMonth, description }
      : { reason: `no price in the table for ${usage} (${description})` };
  };
  switch (type) {
    case 'AWS::EC2::NatGateway':
      if (props['ConnectivityType'] === 'private') {
        return [hourly('nat-gateway-hours', 1, 'private NAT gateway')];
      }
      return [hourly('nat-gateway-hours', 1, 'NAT gateway')];
    case 'AWS::EC2::EIP':
      return [hourly('public-ipv4-hours', 1, 'Elastic IP (public IPv4 address)')];
    case 'AWS::EC2::TransitGatewayVpcAttachment':
      return [hourly('transit-gateway-attachment-hours', 1, 'Transit Gateway VPC attachment')];
    case 'AWS::EC2::VPNConnection': {
      const charges = [hourly('vpn-connection-hours', 1, 'site-to-site VPN connection')];
      if (props['TransitGatewayId'] !== undefined) {
        charges.push(hourly('transit-gateway-attachment-hours', 1, 'Transit Gateway VPN attachment'));
      }
      return charges;
    }
    case 'AWS::EC2::VPCEndpoint': {
      const endpointType = literalString(props['VpcEndpointType']) ?? 'Gateway';
      if (endpointType === 'Gateway') {
        return [];
      }
      const subnets = props['SubnetIds'];
      if (!Array.isArray(subnets)) {
        return [{ reason: 'interface endpoint whose subnets are not a literal list' }];
      }
      const service = JSON.stringify(props['ServiceName'] ?? '?');
      return [
        hourly(
          'interface-endpoint-az-hours',
          subnets.length,
          `${endpointType} endpoint ${service} in ${subnets.length} AZ(s)`,
        ),
      ];
    }
    case 'AWS::KMS::Key': {
      const price = findPrice(table, 'kms-key-months');
      return [
        price
          ? { usage: 'kms-key-months', price, quantity: 1, description: 'customer managed KMS key' }
          : { reason: 'no price in the table for kms-key-months (customer managed KMS key)' },
      ];
    }
    case 'AWS::RDS::DBInstance':
      return rdsCharges(props, table);
    case 'AWS::CloudTrail::Trail': {
      // The first copy of management events is free; data events are charged per use.
      const price = findPrice(table, 'cloudtrail-trail-months');
      return [
        price
          ? {
              usage: 'cloudtrail-trail-months',
              price,
              quantity: 1,
              description: 'trail (first copy of management events)',
            }
          : { reason: 'no price in the table for cloudtrail-trail-months (trail)' },
        { reason: KNOWN_UNPRICED[type] ?? '' },
      ];
    }
    default:
      return [{ reason: KNOWN_UNPRICED[type] ?? 'no pricing rule for this resource type' }];
  }
}

function rdsCharges(props: Record<string, unknown>, table: PriceTable): Charge[] {
  const engine = literalString(props['Engine']);
  const instanceClass = literalString(props['DBInstanceClass']);
  const multiAz = props['MultiAZ'] === undefined ? false : literalBool(props['MultiAZ']);
  const storage = literalNumber(props['AllocatedStorage']);
  const storageType = literalString(props['StorageType']);
  const charges: Charge[] = [];
  if (engine === undefined || instanceClass === undefined || multiAz === undefined) {
    charges.push({ reason: 'RDS instance whose engine, class or Multi-AZ setting is not a literal' });
  } else {
    const what = `RDS ${engine} ${instanceClass}${multiAz ? ' Multi-AZ' : ''}`;
    const price = findPrice(table, 'rds-instance-hours', { engine, instanceClass, multiAz });
    charges.push(
      price
        ? { usage: 'rds-instance-hours', price, quantity: table.hoursPerMonth, description: what }
        : { reason: `no price in the table for ${what} instance hours` },
    );
  }
  if (storage === undefined || storageType === undefined || multiAz === undefined) {
    charges.push({ reason: 'RDS storage whose size, type or Multi-AZ setting is not a literal' });
  } else {
    const what = `RDS ${storageType} storage ${storage} GB${multiAz ? ' Multi-AZ' : ''}`;
    const price = findPrice(table, 'rds-storage-gb-months', { storageType, multiAz });
    charges.push(
      price
        ? { usage: 'rds-storage-gb-months', price, quantity: storage, description: what }
        : { reason: `no price in the table for ${what}` },
    );
  }
  return charges;
}

function rollup(
  keys: readonly string[],
  lines: readonly CostLine[],
  notPriced: readonly NotPriced[],
  keyOf: (x: { stack: string; account: string; wave?: string }) => string,
  gbpPerUsd: number,
): Rollup[] {
  const all = new Set([...keys, ...lines.map(keyOf), ...notPriced.map(keyOf)]);
  return [...all].map((key) => {
    const mine = lines.filter((l) => keyOf(l) === key);
    const monthlyUsd = mine.reduce((sum, l) => sum + l.monthlyUsd, 0);
    return {
      key,
      monthlyUsd,
      monthlyGbp: monthlyUsd * gbpPerUsd,
      pricedLines: mine.length,
      notPriced: notPriced.filter((n) => keyOf(n) === key).length,
    };
  });
}

export interface EstimateOptions {
  /** Workload id to wave id, from the wave files: resources tagged only with a workload join its wave. */
  readonly workloadWaves?: ReadonlyMap<string, string>;
  /** Servers MGN launches (not in any template), priced as EC2 instances and gp3 disks. */
  readonly servers?: readonly ServerCostInput[];
}

/** The charges of one migrating server: instance hours by type and platform, and its disk as gp3. */
export function serverCharges(server: ServerCostInput, table: PriceTable): Charge[] {
  const sized = instanceTypeFor(server);
  const charges: Charge[] = [];
  if (sized === undefined) {
    charges.push({
      reason: `no instance type in the size ladder fits ${server.vcpus} vCPU / ${server.memoryGiB} GiB: set targetInstanceType`,
    });
  } else {
    const what = `EC2 ${server.platform} ${sized.type} (${sized.sizedFrom === 'size' ? `sized from ${server.vcpus} vCPU / ${server.memoryGiB} GiB` : 'targetInstanceType'})`;
    const price = findPrice(table, 'ec2-instance-hours', {
      instanceType: sized.type,
      platform: server.platform,
    });
    charges.push(
      price
        ? { usage: 'ec2-instance-hours', price, quantity: table.hoursPerMonth, description: what }
        : { reason: `no price in the table for ${what} instance hours` },
    );
  }
  const price = findPrice(table, 'ebs-gp3-gb-months');
  const disk = `EBS gp3 ${server.diskGiB} GB`;
  charges.push(
    price
      ? { usage: 'ebs-gp3-gb-months', price, quantity: server.diskGiB, description: disk }
      : { reason: `no price in the table for ${disk}` },
  );
  return charges;
}

export function estimateCost(
  stacks: readonly CostStack[],
  table: PriceTable,
  options: EstimateOptions = {},
): CostEstimate {
  const lines: CostLine[] = [];
  const notPriced: NotPriced[] = [];
  const free = new Map<string, number>();
  const record = (where: Omit<NotPriced, 'reason'>, charges: readonly Charge[]): void => {
    for (const charge of charges) {
      if ('reason' in charge) {
        notPriced.push({ ...where, reason: charge.reason });
      } else {
        lines.push({
          ...where,
          usage: charge.usage,
          description: charge.description,
          monthlyQuantity: charge.quantity,
          unit: charge.price.unit,
          usdPerUnit: charge.price.usd,
          monthlyUsd: charge.quantity * charge.price.usd,
          priceId: charge.price.id,
          source: charge.price.source,
          date: charge.price.date,
          confirmed: charge.price.confirmed,
        });
      }
    }
  };
  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.resources)) {
      const type = resource.Type;
      if (FREE_TYPES[type] !== undefined) {
        free.set(type, (free.get(type) ?? 0) + 1);
        continue;
      }
      const tags = tagsOf(resource);
      const workload = tags[TAGS.workload];
      const wave =
        tags[TAGS.wave] ??
        (workload !== undefined && options.workloadWaves
          ? (options.workloadWaves.get(workload) ?? NO_WAVE)
          : undefined);
      const where = {
        stack: stack.stackName,
        account: stack.account,
        logicalId,
        type,
        ...(wave !== undefined ? { wave } : {}),
        ...(workload !== undefined ? { workload } : {}),
      };
      if (stack.region !== table.region) {
        notPriced.push({
          ...where,
          reason: `deploys to ${stack.region}; the price table is for ${table.region}`,
        });
        continue;
      }
      const charges = chargesOf(type, resource.Properties ?? {}, table);
      if (charges.length === 0) {
        free.set(`${type} (gateway endpoint)`, (free.get(`${type} (gateway endpoint)`) ?? 0) + 1);
      }
      record(where, charges);
    }
  }
  for (const server of options.servers ?? []) {
    const where = {
      stack: SERVERS_STACK,
      account: server.account,
      logicalId: server.hostname,
      type: 'AWS::EC2::Instance',
      wave: server.wave,
      workload: server.workload,
    };
    record(where, serverCharges(server, table));
  }
  const rate = table.exchangeRate.gbpPerUsd;
  const totalUsd = lines.reduce((sum, l) => sum + l.monthlyUsd, 0);
  return {
    region: table.region,
    hoursPerMonth: table.hoursPerMonth,
    exchangeRate: table.exchangeRate,
    lines,
    notPriced,
    free: [...free.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, count]) => ({
        type,
        count,
        reason: FREE_TYPES[type] ?? 'gateway VPC endpoints have no charge',
      })),
    byStack: rollup(
      [...stacks.map((s) => s.stackName), ...(options.servers?.length ? [SERVERS_STACK] : [])],
      lines,
      notPriced,
      (x) => x.stack,
      rate,
    ),
    byAccount: rollup(
      [...new Set(stacks.map((s) => s.account))],
      lines,
      notPriced,
      (x) => x.account,
      rate,
    ).sort((a, b) => a.key.localeCompare(b.key)),
    byWave: rollup([SHARED], lines, notPriced, (x) => x.wave ?? SHARED, rate).sort((a, b) =>
      a.key === SHARED ? -1 : b.key === SHARED ? 1 : a.key.localeCompare(b.key),
    ),
    totalUsd,
    totalGbp: totalUsd * rate,
    usageCharges: table.prices.filter((p) => USAGE_ONLY.includes(p.usage)),
  };
}
