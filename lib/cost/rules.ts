import { TAGS } from '../names';
import type { Ec2Platform, PriceEntry, PriceMatch, PriceTable, Usage } from './price-table';
import type { AssumptionKey, UsageAssumptions } from './usage-assumptions';

/*
 * How each CloudFormation resource type is charged: the one place that maps a resource to the
 * prices it uses. Every type the project deploys is here, either as free (with the reason) or as a
 * rule that prices it; a type with neither is "not priced" and makes the estimate incomplete.
 */

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
  'AWS::EC2::NetworkAcl': 'no charge for a network ACL',
  'AWS::EC2::NetworkAclEntry': 'no charge for a network ACL entry',
  'AWS::EC2::SubnetNetworkAclAssociation': 'no charge for an association',
  'AWS::EC2::PrefixList': 'no charge for a prefix list',
  'AWS::EC2::LaunchTemplate': 'no charge for a launch template',
  'AWS::EC2::InternetGateway': 'no charge for an internet gateway (traffic is charged on the NAT gateway)',
  'AWS::EC2::VPCGatewayAttachment': 'no charge for attaching a gateway',
  'AWS::EC2::CustomerGateway': 'no charge for a customer gateway (the VPN connection is charged)',
  'AWS::EC2::TransitGateway': 'charged per attachment and per GB, not for the gateway itself',
  'AWS::EC2::TransitGatewayRouteTable': 'no charge for a route table',
  'AWS::EC2::TransitGatewayRouteTableAssociation': 'no charge for an association',
  'AWS::EC2::TransitGatewayRouteTablePropagation': 'no charge for a propagation',
  'AWS::EC2::TransitGatewayRoute': 'no charge for a route',
  'AWS::EC2::SnapshotBlockPublicAccess': 'no charge for an account setting',
  'AWS::IAM::Role': 'IAM has no charge',
  'AWS::IAM::Policy': 'IAM has no charge',
  'AWS::IAM::ManagedPolicy': 'IAM has no charge',
  'AWS::IAM::InstanceProfile': 'IAM has no charge',
  'AWS::IAM::OIDCProvider': 'IAM has no charge',
  'AWS::RDS::DBSubnetGroup': 'no charge for a subnet group',
  'AWS::RDS::DBParameterGroup': 'no charge for a parameter group',
  'AWS::RDS::OptionGroup': 'no charge for an option group',
  'AWS::RAM::ResourceShare': 'no charge for sharing',
  'AWS::SNS::TopicPolicy': 'no charge for a topic policy',
  'AWS::SNS::Subscription': 'no charge of its own: deliveries are counted with the topic’s publishes',
  'AWS::S3::BucketPolicy': 'no charge for a bucket policy',
  'AWS::KMS::Alias': 'no charge for a key alias',
  'AWS::SSM::Parameter': 'standard parameters have no charge',
  'AWS::SSM::Document': 'no charge for an SSM document of your own; its runs are priced where they happen',
  // Two invocations a day per critical service (the rota's on-duty and off-duty switch): far inside
  // EventBridge Scheduler's 14 million free invocations a month.
  'AWS::Scheduler::Schedule': 'within the free 14 million EventBridge Scheduler invocations a month',
  'AWS::Lambda::Permission': 'no charge for a permission',
  'AWS::Organizations::Policy': 'no charge for service control or tag policies',
  'AWS::Organizations::OrganizationalUnit': 'no charge for an organisational unit',
  'AWS::Organizations::ResourcePolicy': 'no charge for a resource policy',
  'AWS::Config::DeliveryChannel': 'no charge for a delivery channel',
  'AWS::Config::ConfigurationAggregator': 'no charge for an aggregator',
  'AWS::AccessAnalyzer::Analyzer': 'no charge for an external-access analyzer',
  'AWS::Logs::Destination': 'no charge for a CloudWatch Logs destination',
  'AWS::Logs::SubscriptionFilter': 'no charge for a subscription filter (the delivery stream is charged)',
  'AWS::Logs::LogStream': 'no charge for a log stream',
  'AWS::Logs::ResourcePolicy': 'no charge for a resource policy',
  'AWS::Events::EventBus': 'no charge for an event bus',
  'AWS::Events::EventBusPolicy': 'no charge for a bus policy',
  'AWS::SecurityHub::DelegatedAdmin': 'no charge for designating an administrator',
  'AWS::SecurityHub::FindingAggregator': 'no charge for cross-region aggregation itself',
  'AWS::SecurityHub::OrganizationConfiguration': 'no charge for an organisation setting',
  'AWS::SecurityHub::ConfigurationPolicy': 'no charge for a configuration policy',
  'AWS::SecurityHub::PolicyAssociation': 'no charge for a policy association',
  'AWS::SecurityHub::Standard': 'no charge of its own: its checks are counted with the hub',
  'AWS::Backup::BackupVault':
    'no charge for the vault: backup storage is priced on each protected database and server (backup.storedGbPerSourceGb)',
  'AWS::Backup::LogicallyAirGappedBackupVault':
    'no charge for the vault: the copies in it are priced on each protected database and server',
  'AWS::Backup::BackupPlan': 'no charge for a plan: the backups it makes are priced as storage',
  'AWS::Backup::BackupSelection': 'no charge for a selection',
  'AWS::Backup::RestoreTestingSelection': 'no charge for a selection: restore jobs are counted with the plan',
  'AWS::Backup::ReportPlan': 'no charge for a report plan (evaluations are counted with the framework)',
  'AWS::MGN::Wave': 'no charge: Application Migration Service is charged per replicating server',
  'AWS::MGN::Application': 'no charge: Application Migration Service is charged per replicating server',
  'AWS::MGN::LaunchConfigurationTemplate': 'no charge for a launch template',
  'AWS::MGN::ReplicationConfigurationTemplate':
    'no charge for a template (the replication service is charged per replicating server)',
  'AWS::DMS::Endpoint': 'no charge for an endpoint (the replication instance is charged)',
  'AWS::DMS::ReplicationTask': 'no charge for a task (the replication instance is charged)',
  'AWS::DMS::ReplicationSubnetGroup': 'no charge for a subnet group',
  'AWS::DMS::Certificate': 'no charge for a certificate',
  'AWS::Route53Resolver::ResolverRule': 'no charge for a rule: queries are charged on the endpoint',
  'AWS::Route53Resolver::ResolverRuleAssociation': 'no charge for an association',
  'AWS::Route53Resolver::ResolverQueryLoggingConfig':
    'no charge of its own: the query logs are charged with the log group they are delivered to',
  'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation': 'no charge for an association',
  'AWS::Route53Resolver::FirewallDomainList': 'no charge of its own: DNS Firewall is charged per query',
  'AWS::Route53Resolver::FirewallRuleGroup': 'no charge of its own: DNS Firewall is charged per query',
  'AWS::Route53Resolver::FirewallConfig': 'no charge for a setting',
  'AWS::NetworkFirewall::FirewallPolicy': 'no charge for a policy: the firewall endpoints are charged',
  'AWS::NetworkFirewall::RuleGroup': 'no charge for a rule group: the firewall endpoints are charged',
  'AWS::NetworkFirewall::LoggingConfiguration':
    'no charge of its own: logs are charged with their log group or bucket',
};

/** Custom resources have no charge of their own: the Lambda function behind them is priced. */
const CUSTOM_RESOURCE_REASON = 'a custom resource has no charge of its own (its Lambda function is priced)';

/** The free reason for a type, or undefined when the type is charged. */
export function freeReason(type: string, props: Record<string, unknown>): string | undefined {
  const fixed = FREE_TYPES[type];
  if (fixed !== undefined) {
    return fixed;
  }
  if (
    type === 'AWS::EC2::VPCEndpoint' &&
    (literalString(props['VpcEndpointType']) ?? 'Gateway') === 'Gateway'
  ) {
    return 'gateway VPC endpoints have no charge';
  }
  if (type === 'AWS::Events::Rule' && !forwardsToAnotherBus(props)) {
    return 'no charge for a rule delivering AWS service events to a target in its own account and region';
  }
  if (type.startsWith('Custom::') && !CHARGED_CUSTOM_TYPES.includes(type)) {
    return CUSTOM_RESOURCE_REASON;
  }
  return undefined;
}

/** Custom resources that create something charged (priced by a rule below). */
const CHARGED_CUSTOM_TYPES: readonly string[] = ['Custom::GlobalEventsForwardingRule'];

function forwardsToAnotherBus(props: Record<string, unknown>): boolean {
  return JSON.stringify(props['Targets'] ?? []).includes('event-bus');
}

/** What a price is matched on (from the template, or from the plan for migrated servers). */
export interface Facts {
  engine?: string;
  instanceClass?: string;
  multiAz?: boolean;
  storageType?: string;
  licence?: string;
  instanceType?: string;
  platform?: Ec2Platform;
}

function matches(match: PriceMatch | undefined, facts: Facts): boolean {
  return Object.entries(match ?? {}).every(([k, v]) => facts[k as keyof Facts] === v);
}

export function findPrice(table: PriceTable, usage: Usage, facts: Facts = {}): PriceEntry | undefined {
  return table.prices.find((p) => p.usage === usage && matches(p.match, facts));
}

export type Charge =
  | {
      readonly usage: Usage;
      readonly price: PriceEntry;
      readonly quantity: number;
      readonly description: string;
      /** The usage assumption the quantity comes from, for charges per use. */
      readonly assumption?: AssumptionKey;
      /** Backup storage grows with protected data (the forecast chart applies the growth). */
      readonly grows?: boolean;
    }
  | { readonly reason: string };

export interface RuleContext {
  readonly table: PriceTable;
  readonly assumptions: UsageAssumptions;
  /** Copies each backup tier keeps of a protected resource, by tier name (local, backup account, DR region). */
  readonly backupCopies?: ReadonlyMap<string, { readonly copies: number; readonly drRegion: boolean }>;
}

export function literalString(value: unknown): string | undefined {
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

/** Builds the charges of one resource, one helper per way of charging. */
export class ChargeBuilder {
  readonly charges: Charge[] = [];
  constructor(private readonly ctx: RuleContext) {}

  /** A quantity fixed by the template (hours, months, GB provisioned). */
  fixed(usage: Usage, quantity: number, description: string, facts: Facts = {}, grows = false): this {
    const price = findPrice(this.ctx.table, usage, facts);
    this.charges.push(
      price
        ? { usage, price, quantity, description, ...(grows ? { grows } : {}) }
        : { reason: `no price in the ${this.ctx.table.region} table for ${usage} (${description})` },
    );
    return this;
  }

  /** Running all month: count x hours a month. */
  hourly(usage: Usage, count: number, description: string, facts: Facts = {}): this {
    return this.fixed(usage, count * this.ctx.table.hoursPerMonth, description, facts);
  }

  /** Charged per use: the quantity is an assumption (times a count of what it is per). */
  perUse(usage: Usage, key: AssumptionKey, description: string, per = 1, facts: Facts = {}): this {
    const price = findPrice(this.ctx.table, usage, facts);
    const quantity = this.ctx.assumptions.values[key] * per;
    this.charges.push(
      price
        ? { usage, price, quantity, description, assumption: key }
        : { reason: `no price in the ${this.ctx.table.region} table for ${usage} (${description})` },
    );
    return this;
  }

  /** Backup storage of a protected resource of `sourceGb`, by its backup tier's copies. */
  backup(tier: string | undefined, sourceGb: number, what: string): this {
    if (tier === undefined) {
      return this;
    }
    const copies = this.ctx.backupCopies?.get(tier);
    if (copies === undefined) {
      this.charges.push({
        reason: `backup tier ${tier} is not in the configuration: its copies are not known`,
      });
      return this;
    }
    const price = findPrice(this.ctx.table, 'backup-warm-storage');
    const key: AssumptionKey = 'backup.storedGbPerSourceGb';
    const quantity = sourceGb * copies.copies * this.ctx.assumptions.values[key];
    this.charges.push(
      price
        ? {
            usage: 'backup-warm-storage',
            price,
            quantity,
            description: `backups of ${what} (${sourceGb} GB, ${copies.copies} copies, tier ${tier})`,
            assumption: key,
            grows: true,
          }
        : { reason: `no price in the ${this.ctx.table.region} table for backup-warm-storage` },
    );
    if (copies.drRegion) {
      const transferKey: AssumptionKey = 'backup.drCopyChangedGbPerSourceGbMonth';
      this.perUse('backup-cross-region-transfer', transferKey, `DR-region copy of ${what}`, sourceGb);
    }
    return this;
  }

  reason(reason: string): this {
    this.charges.push({ reason });
    return this;
  }
}

/** vCPUs of an RDS or EC2 size, for charges per vCPU (Performance Insights beyond the free week). */
export function vcpusOf(instanceClass: string): number | undefined {
  const size = instanceClass.split('.').pop() ?? '';
  const fixed: Record<string, number> = { micro: 2, small: 2, medium: 2, large: 2, xlarge: 4 };
  if (fixed[size] !== undefined) {
    return fixed[size];
  }
  const m = /^(\d+)xlarge$/.exec(size);
  return m ? Number(m[1]) * 4 : undefined;
}

/** The charges of one resource in a template, or the reasons parts of it could not be priced. */
export function chargesOf(
  type: string,
  props: Record<string, unknown>,
  tags: Readonly<Record<string, string>>,
  ctx: RuleContext,
): Charge[] {
  const b = new ChargeBuilder(ctx);
  switch (type) {
    case 'AWS::EC2::NatGateway':
      return b
        .hourly('nat-gateway-hours', 1, 'NAT gateway')
        .perUse('nat-gateway-data-processed', 'network.natGatewayGbPerMonth', 'NAT gateway data processed')
        .charges;
    case 'AWS::EC2::EIP':
      return b.hourly('public-ipv4-hours', 1, 'Elastic IP (public IPv4 address)').charges;
    case 'AWS::EC2::TransitGatewayVpcAttachment':
      return b
        .hourly('transit-gateway-attachment-hours', 1, 'Transit Gateway VPC attachment')
        .perUse(
          'transit-gateway-data-processed',
          'network.transitGatewayGbPerAttachmentMonth',
          'Transit Gateway data from the VPC',
        ).charges;
    case 'AWS::EC2::VPNConnection':
      b.hourly('vpn-connection-hours', 1, 'site-to-site VPN connection');
      if (props['TransitGatewayId'] !== undefined) {
        b.hourly('transit-gateway-attachment-hours', 1, 'Transit Gateway VPN attachment').perUse(
          'transit-gateway-data-processed',
          'network.transitGatewayGbPerAttachmentMonth',
          'Transit Gateway data from the site',
        );
      }
      return b.charges;
    case 'AWS::EC2::VPCEndpoint': {
      const subnets = props['SubnetIds'];
      if (!Array.isArray(subnets)) {
        return b.reason('interface endpoint whose subnets are not a literal list').charges;
      }
      const service = JSON.stringify(props['ServiceName'] ?? '?');
      return b
        .hourly(
          'interface-endpoint-az-hours',
          subnets.length,
          `interface endpoint ${service} in ${subnets.length} AZ(s)`,
        )
        .perUse(
          'interface-endpoint-data-processed',
          'network.interfaceEndpointGbPerEndpointMonth',
          `interface endpoint ${service} data`,
        ).charges;
    }
    case 'AWS::Route53Resolver::ResolverEndpoint': {
      const addresses = props['IpAddresses'];
      if (!Array.isArray(addresses)) {
        return b.reason('Resolver endpoint whose IP addresses are not a literal list').charges;
      }
      const direction = literalString(props['Direction'])?.toLowerCase() ?? '';
      return b
        .hourly(
          'resolver-endpoint-eni-hours',
          addresses.length,
          `${direction} Resolver endpoint, ${addresses.length} ENIs`,
        )
        .perUse(
          'resolver-queries',
          'network.resolverQueriesMillionPerEndpointMonth',
          `${direction} Resolver queries`,
        ).charges;
    }
    case 'AWS::Route53Resolver::FirewallRuleGroupAssociation':
      return b.perUse(
        'dns-firewall-queries',
        'network.dnsFirewallQueriesMillionPerAssociationMonth',
        'DNS Firewall queries',
      ).charges;
    case 'AWS::NetworkFirewall::Firewall': {
      const mappings = props['SubnetMappings'];
      if (!Array.isArray(mappings)) {
        return b.reason('Network Firewall whose subnet mappings are not a literal list').charges;
      }
      return b
        .hourly(
          'network-firewall-endpoint-hours',
          mappings.length,
          `Network Firewall, ${mappings.length} endpoint(s)`,
        )
        .perUse(
          'network-firewall-data-processed',
          'network.networkFirewallGbPerFirewallMonth',
          'Network Firewall traffic',
        ).charges;
    }
    case 'AWS::KMS::Key':
      return b
        .fixed('kms-key-months', 1, 'customer managed KMS key')
        .perUse('kms-requests', 'services.kmsRequests10kPerKeyMonth', 'KMS requests').charges;
    case 'AWS::SecretsManager::Secret':
      return b
        .fixed('secrets-manager-secret-months', 1, 'secret')
        .perUse(
          'secrets-manager-api-calls',
          'services.secretsManagerApiCalls10kPerSecretMonth',
          'secret reads',
        ).charges;
    case 'AWS::RDS::DBInstance':
      return rdsCharges(b, props, tags);
    case 'AWS::CloudWatch::Alarm': {
      const periods = [
        literalNumber(props['Period']),
        ...(Array.isArray(props['Metrics'])
          ? (props['Metrics'] as { MetricStat?: { Period?: unknown } }[]).map((m) =>
              literalNumber(m.MetricStat?.Period),
            )
          : []),
      ].filter((p): p is number => p !== undefined);
      return periods.some((p) => p < 60)
        ? b.fixed('cloudwatch-alarm-high-resolution-months', 1, 'high-resolution alarm').charges
        : b.fixed('cloudwatch-alarm-months', 1, 'standard-resolution alarm').charges;
    }
    case 'AWS::CloudWatch::CompositeAlarm':
      return b.fixed('cloudwatch-composite-alarm-months', 1, 'composite alarm').charges;
    case 'AWS::CloudWatch::Dashboard':
      return b.fixed('cloudwatch-dashboard-months', 1, 'dashboard').charges;
    case 'AWS::Logs::MetricFilter':
      return b.fixed('cloudwatch-custom-metric-months', 1, 'metric from a log metric filter').charges;
    case 'AWS::Logs::LogGroup':
      return b
        .perUse('cloudwatch-logs-ingested', 'logs.ingestedGbPerLogGroupMonth', 'log data ingested')
        .perUse('cloudwatch-logs-stored', 'logs.storedGbPerLogGroup', 'log data stored').charges;
    case 'AWS::EC2::FlowLog':
      return b.perUse(
        'cloudwatch-vended-logs-ingested',
        'logs.flowLogGbPerFlowLogMonth',
        'flow log records delivered',
      ).charges;
    case 'AWS::KinesisFirehose::DeliveryStream':
      return b.perUse('firehose-ingested', 'logs.firehoseGbPerStreamMonth', 'log data through Firehose')
        .charges;
    case 'AWS::Lambda::Function':
      return b
        .perUse('lambda-requests', 'services.lambdaRequestsMillionPerFunctionMonth', 'Lambda invocations')
        .perUse('lambda-gb-seconds', 'services.lambdaGbSecondsPerFunctionMonth', 'Lambda compute').charges;
    case 'AWS::SNS::Topic':
      return b.perUse('sns-requests', 'services.snsRequestsMillionPerTopicMonth', 'SNS publishes').charges;
    case 'AWS::Events::Rule':
    case 'Custom::GlobalEventsForwardingRule':
      return b.perUse(
        'events-delivered',
        'services.eventsDeliveredMillionPerRuleMonth',
        'events sent to another bus',
      ).charges;
    case 'AWS::Backup::RestoreTestingPlan':
      return b.perUse('backup-restore-test-jobs', 'backup.restoreTestsPerPlanMonth', 'restore test jobs')
        .charges;
    case 'AWS::Backup::Framework':
      return b.perUse(
        'backup-audit-evaluations',
        'backup.auditEvaluationsPerFrameworkMonth',
        'Backup Audit Manager evaluations',
      ).charges;
    case 'AWS::CloudTrail::Trail': {
      b.fixed('cloudtrail-trail-months', 1, 'trail (first copy of management events)');
      if (JSON.stringify(props['AdvancedEventSelectors'] ?? props['EventSelectors'] ?? []).includes('Data')) {
        b.perUse(
          'cloudtrail-data-events',
          'security.cloudTrailDataEvents100kPerTrailMonth',
          'CloudTrail data events',
        );
      }
      return b.charges;
    }
    case 'AWS::Config::ConfigurationRecorder':
      return b.perUse('config-items', 'security.configItemsPerRecorderMonth', 'configuration items recorded')
        .charges;
    case 'AWS::Config::ConfigRule':
    case 'AWS::Config::OrganizationConfigRule':
      return b.perUse(
        'config-rule-evaluations',
        'security.configRuleEvaluationsPerRuleMonth',
        'Config rule evaluations',
      ).charges;
    case 'AWS::Config::ConformancePack':
    case 'AWS::Config::OrganizationConformancePack':
      return b.perUse(
        'config-conformance-pack-evaluations',
        'security.conformancePackEvaluationsPerPackMonth',
        'conformance pack evaluations',
      ).charges;
    case 'AWS::GuardDuty::Detector':
      return b
        .perUse(
          'guardduty-cloudtrail-events',
          'security.guardDutyCloudTrailEventsMillionPerDetectorMonth',
          'GuardDuty CloudTrail events',
        )
        .perUse(
          'guardduty-flow-and-dns-logs',
          'security.guardDutyLogGbPerDetectorMonth',
          'GuardDuty flow and DNS logs',
        )
        .perUse(
          'guardduty-s3-data-events',
          'security.guardDutyS3EventsMillionPerDetectorMonth',
          'GuardDuty S3 data events',
        ).charges;
    case 'AWS::SecurityHub::Hub':
      return b.perUse('securityhub-checks', 'security.securityHubChecksPerHubMonth', 'Security Hub checks')
        .charges;
    case 'AWS::S3::Bucket': {
      b.perUse('s3-standard-storage', 'security.s3StandardGbPerBucket', 'objects in S3 Standard');
      if (JSON.stringify(props['LifecycleConfiguration'] ?? {}).includes('DEEP_ARCHIVE')) {
        b.perUse(
          's3-deep-archive-storage',
          'security.s3DeepArchiveGbPerBucket',
          'objects in Glacier Deep Archive',
        );
      }
      return b.charges;
    }
    case 'AWS::DMS::ReplicationInstance': {
      const instanceClass = literalString(props['ReplicationInstanceClass']);
      const multiAz = props['MultiAZ'] === undefined ? false : literalBool(props['MultiAZ']);
      const storage = props['AllocatedStorage'] === undefined ? 50 : literalNumber(props['AllocatedStorage']);
      if (instanceClass === undefined || multiAz === undefined || storage === undefined) {
        return b.reason('DMS replication instance whose class, Multi-AZ setting or storage is not a literal')
          .charges;
      }
      const what = `DMS ${instanceClass}${multiAz ? ' Multi-AZ' : ''}`;
      return b
        .hourly('dms-instance-hours', 1, what, { instanceClass, multiAz })
        .fixed('dms-storage-gb-months', storage * (multiAz ? 2 : 1), `${what} storage ${storage} GB`).charges;
    }
    case 'AWS::DMS::ReplicationConfig':
      return b.perUse(
        'dms-serverless-dcu-hours',
        'migration.dmsServerlessDcuHoursPerConfigMonth',
        'DMS Serverless capacity',
      ).charges;
    default:
      return b.reason('no pricing rule for this resource type').charges;
  }
}

/** CloudFormation's RDS `LicenseModel`, with the open-source engines' own names folded into one key. */
function licenceKey(value: string | undefined): string | undefined {
  if (value === undefined || value === 'general-public-license' || value === 'postgresql-license') {
    return 'open-source';
  }
  return value;
}

function rdsCharges(
  b: ChargeBuilder,
  props: Record<string, unknown>,
  tags: Readonly<Record<string, string>>,
): Charge[] {
  const engine = literalString(props['Engine']);
  const instanceClass = literalString(props['DBInstanceClass']);
  const multiAz = props['MultiAZ'] === undefined ? false : literalBool(props['MultiAZ']);
  const storage = literalNumber(props['AllocatedStorage']);
  const storageType = literalString(props['StorageType']) ?? 'gp2';
  const licence = licenceKey(literalString(props['LicenseModel']));
  if (engine === undefined || instanceClass === undefined || multiAz === undefined) {
    b.reason('RDS instance whose engine, class or Multi-AZ setting is not a literal');
  } else {
    const what = `RDS ${engine} ${instanceClass}${multiAz ? ' Multi-AZ' : ''}${licence === 'bring-your-own-license' ? ' BYOL' : ''}`;
    b.hourly('rds-instance-hours', 1, what, { engine, instanceClass, multiAz, licence });
    const retention = literalNumber(props['PerformanceInsightsRetentionPeriod']) ?? 7;
    const vcpus = vcpusOf(instanceClass);
    if (props['EnablePerformanceInsights'] === true && retention > 7) {
      if (vcpus === undefined) {
        b.reason(`Performance Insights retention of ${retention} days on ${instanceClass}: vCPUs not known`);
      } else {
        b.fixed(
          'rds-performance-insights-vcpu-months',
          vcpus * (multiAz ? 2 : 1),
          `Performance Insights ${retention} days, ${vcpus} vCPU`,
        );
      }
    }
  }
  if (storage === undefined || multiAz === undefined) {
    b.reason('RDS storage whose size or Multi-AZ setting is not a literal');
  } else {
    b.fixed(
      'rds-storage-gb-months',
      storage,
      `RDS ${storageType} storage ${storage} GB${multiAz ? ' Multi-AZ' : ''}`,
      {
        storageType,
        multiAz,
      },
    );
    const iops = literalNumber(props['Iops']);
    if (iops !== undefined && (storageType === 'io1' || storageType === 'io2' || storageType === 'gp3')) {
      // gp3 includes 3,000 IOPS (12,000 from 400 GB); io1/io2 charge every provisioned IOPS.
      const included = storageType === 'gp3' ? (storage >= 400 ? 12000 : 3000) : 0;
      if (iops > included) {
        b.fixed(
          'rds-iops-months',
          (iops - included) * (multiAz ? 2 : 1),
          `RDS ${storageType} ${iops - included} IOPS`,
          {
            storageType,
          },
        );
      }
    }
    b.backup(tags[TAGS.backupTier], storage, `RDS ${engine ?? ''} ${storage} GB`);
  }
  return b.charges;
}
