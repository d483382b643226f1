import { Duration, RemovalPolicy, Tags, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { allowCloudWatchLogs } from '../logging/allow-cloudwatch-logs';
import {
  databaseInstanceIdentifier,
  MAX_DB_INSTANCE_IDENTIFIER_LENGTH,
  OFFICIAL_SENSITIVE,
  pascal,
  TAGS,
  type Classification,
} from '../names';
import {
  editionOf,
  engineDefinition,
  engineFacts,
  multiAzProblem,
  type DatabaseEdition,
  type DatabaseEngineName,
  type EngineFacts,
  type LicenceModel,
} from './engines';
import { EngineGroups } from './engine-groups';
import { SqlServerAudit, type DatabaseAuditArchive } from './sqlserver-audit';
import { councilKey } from '../kms/council-key';

export interface RecoveryTargets {
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
  readonly regionLoss?: { readonly rpoMinutes: number; readonly rtoMinutes: number };
}

export interface CouncilDatabaseProps {
  /** Workload (service) name, kebab-case; part of the instance identifier and the `workload` tag. */
  readonly workload: string;
  /** Database name within the workload, kebab-case. */
  readonly databaseName: string;
  /** Prefix of physical names, e.g. the council's short name. */
  readonly namePrefix: string;
  readonly engine: DatabaseEngineName;
  /** The edition, for engines that have them (lib/data/engines): SQL Server express, web, standard or enterprise; Oracle se2. @default - none (PostgreSQL, MySQL) */
  readonly edition?: DatabaseEdition;
  /** Full engine version as RDS names it, e.g. 16.00.4236.2.v1. */
  readonly version: string;
  readonly licence: LicenceModel;
  readonly instanceType: ec2.InstanceType;
  readonly allocatedStorageGiB: number;
  /** @default - no storage autoscaling */
  readonly maxAllocatedStorageGiB?: number;
  readonly vpc: ec2.IVpc;
  /** Must select isolated subnets only. */
  readonly subnets: ec2.SubnetSelection;
  /** Whether this is a production database: drives Multi-AZ and the minimum safeguards. */
  readonly production: boolean;
  /** Backup tier; written as the `backup-tier` tag that AWS Backup selects on. */
  readonly backupTier: string;
  /** RDS automated-backup window (point-in-time recovery), 1 to 35 days, from the tier. */
  readonly pointInTimeRecovery: Duration;
  /** Agreed recovery targets, written as tags for the DR check. */
  readonly recoveryTargets: RecoveryTargets;
  /** Application security groups, by name, that may connect. @default - none */
  readonly allowedSecurityGroups?: Readonly<Record<string, ec2.ISecurityGroup>>;
  /** On-premises ranges, by name, admitted over the VPN during migration. @default - none */
  readonly allowedOnPremisesRanges?: Readonly<Record<string, string>>;
  /** @default - production */
  readonly multiAz?: boolean;
  /** @default true */
  readonly deletionProtection?: boolean;
  /** SNAPSHOT or RETAIN; DESTROY is rejected. @default RemovalPolicy.SNAPSHOT */
  readonly removalPolicy?: RemovalPolicy;
  /** Customer-managed key for storage, Performance Insights, the master secret and the logs. @default - a new key with rotation */
  readonly encryptionKey?: kms.Key;
  /** Accounts that may use the key to copy recovery points (the backup account). @default - none */
  readonly copyDestinationAccounts?: readonly string[];
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** Enhanced monitoring interval. @default Duration.seconds(60) */
  readonly monitoringInterval?: Duration;
  /** @default rds.PerformanceInsightRetention.DEFAULT (7 days, free tier) */
  readonly performanceInsightRetention?: rds.PerformanceInsightRetention;
  /** IAM database authentication; only MySQL and PostgreSQL support it. @default - true where supported */
  readonly iamAuthentication?: boolean;
  /** @default 'dbadmin' */
  readonly masterUsername?: string;
  /**
   * Extensions the database may create, e.g. postgis; the parameter group allows exactly these
   * (lib/data/engines). @default - none
   */
  readonly extensions?: readonly string[];
  /**
   * The classification of the data, written as the `classification` tag. OFFICIAL-SENSITIVE data is
   * audited: pgaudit for PostgreSQL, SQL Server Audit for SQL Server (lib/data/engines).
   * @default - untagged here (the stack's classification applies) and not audited beyond the engine's own logs
   */
  readonly classification?: Classification;
  /** The log archive that SQL Server Audit files are replicated into. @default - none: they stay in the account's audit bucket */
  readonly auditArchive?: DatabaseAuditArchive;
}

const MIN_PITR_DAYS = 1;
const MAX_PITR_DAYS = 35;

/**
 * An RDS database instance with the council's safeguards on by default: CMK encryption, Multi-AZ for
 * production, deletion protection and a final snapshot, PITR from the backup tier, an RDS-managed
 * master password in Secrets Manager, TLS forced by the parameter (or option) group, Performance
 * Insights, enhanced monitoring, log exports with retention, IAM authentication where supported,
 * isolated subnets and a security group that admits only named groups and ranges.
 */
export class CouncilDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly key: kms.Key;
  readonly securityGroup: ec2.SecurityGroup;
  readonly engineGroups: EngineGroups;
  readonly facts: EngineFacts;
  readonly instanceIdentifier: string;
  readonly logGroups: Readonly<Record<string, logs.LogGroup>>;
  /** The bucket and role of SQL Server Audit, for an audited SQL Server database. */
  readonly audit?: SqlServerAudit;

  constructor(scope: Construct, id: string, props: CouncilDatabaseProps) {
    super(scope, id);
    const audited = props.classification === OFFICIAL_SENSITIVE;
    this.facts = engineFacts(
      props.engine,
      props.edition,
      props.version,
      props.licence,
      props.extensions,
      audited,
    );
    if (props.classification !== undefined) {
      Tags.of(this).add(TAGS.classification, props.classification);
    }
    const label = `${props.workload}/${props.databaseName}`;
    const multiAz = props.multiAz ?? props.production;
    const iamAuthentication = props.iamAuthentication ?? this.facts.supportsIamAuthentication;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.SNAPSHOT;
    validate(props, label, { multiAz, iamAuthentication, removalPolicy, facts: this.facts });

    this.instanceIdentifier = databaseInstanceIdentifier(
      props.namePrefix,
      props.workload,
      props.databaseName,
    );
    const description = `${props.workload} ${props.databaseName} database`;

    this.key =
      props.encryptionKey ??
      councilKey(this, 'Key', {
        description: `Encrypts the ${description}, its snapshots, secret, insights and logs`,
      });
    allowCloudWatchLogs(
      this.key,
      'AllowCloudWatchLogsForThisDatabase',
      `/aws/rds/instance/${this.instanceIdentifier}/*`,
    );
    if ((props.copyDestinationAccounts ?? []).length > 0) {
      // Cross-account copies of RDS snapshots need the destination account to use the source key.
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowBackupCopiesToTheBackupAccount',
          principals: (props.copyDestinationAccounts ?? []).map(
            (account) => new iam.AccountPrincipal(account),
          ),
          actions: [
            'kms:Decrypt',
            'kms:DescribeKey',
            'kms:CreateGrant',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
          ],
          resources: ['*'],
          // Only through the services that copy the recovery points, in whichever region the copy
          // lands: the backup account's principals cannot decrypt with the key directly.
          conditions: { StringLike: { 'kms:ViaService': ['backup.*.amazonaws.com', 'rds.*.amazonaws.com'] } },
        }),
      );
    }

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Clients of the ${description}`,
      allowAllOutbound: false,
    });
    const port = ec2.Port.tcp(this.facts.clientPort);
    for (const [name, group] of sortedEntries(props.allowedSecurityGroups ?? {})) {
      // connections adds the matching egress rule to the application group, which allows no other outbound traffic.
      this.securityGroup.connections.allowFrom(group, port, `From application security group ${name}`);
    }
    for (const [name, cidr] of sortedEntries(props.allowedOnPremisesRanges ?? {})) {
      this.securityGroup.addIngressRule(
        ec2.Peer.ipv4(cidr),
        port,
        `From on-premises range ${name} over the VPN`,
      );
    }

    const retention = props.logRetention ?? logs.RetentionDays.THIRTEEN_MONTHS;
    if (this.facts.auditOption) {
      this.audit = new SqlServerAudit(this, 'Audit', {
        audit: this.facts.auditOption,
        instanceIdentifier: this.instanceIdentifier,
        key: this.key,
        // The staging copy lives as long as the database's logs; the archive keeps its own.
        retentionDays: retention,
        namePrefix: props.namePrefix,
        ...(props.auditArchive === undefined ? {} : { archive: props.auditArchive }),
      });
    }

    this.engineGroups = new EngineGroups(this, 'EngineGroups', {
      engine: this.facts.engine,
      parameters: this.facts.parameters,
      optionGroup: this.facts.optionGroup,
      ...(this.audit && this.facts.auditOption
        ? {
            auditOption: {
              purpose: `${this.facts.auditOption.option} to S3`,
              configuration: this.audit.optionConfiguration,
            },
          }
        : {}),
      vpc: props.vpc,
      securityGroup: this.securityGroup,
      description,
    });

    const logGroups: Record<string, logs.LogGroup> = {};
    for (const log of this.facts.logExports) {
      logGroups[log] = new logs.LogGroup(this, `${pascal(log)}Logs`, {
        logGroupName: `/aws/rds/instance/${this.instanceIdentifier}/${log}`,
        retention,
        encryptionKey: this.key,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
    this.logGroups = logGroups;

    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      instanceIdentifier: this.instanceIdentifier,
      engine: this.facts.engine,
      licenseModel: this.facts.licenceModel,
      instanceType: props.instanceType,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      port: this.facts.port,
      multiAz,
      allocatedStorage: props.allocatedStorageGiB,
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      storageEncryptionKey: this.key,
      credentials: rds.Credentials.fromUsername(props.masterUsername ?? 'dbadmin', {
        encryptionKey: this.key,
      }),
      manageMasterUserPassword: true,
      parameterGroup: this.engineGroups.parameterGroup,
      optionGroup: this.engineGroups.optionGroup,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      backupRetention: props.pointInTimeRecovery,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy,
      publiclyAccessible: false,
      autoMinorVersionUpgrade: true,
      iamAuthentication: iamAuthentication ? true : undefined,
      enablePerformanceInsights: true,
      performanceInsightRetention:
        props.performanceInsightRetention ?? rds.PerformanceInsightRetention.DEFAULT,
      performanceInsightEncryptionKey: this.key,
      monitoringInterval: props.monitoringInterval ?? Duration.seconds(60),
      cloudwatchLogsExports: [...this.facts.logExports],
    });
    for (const group of Object.values(logGroups)) {
      this.instance.node.addDependency(group);
    }

    const cfn = this.instance.node.defaultChild as rds.CfnDBInstance;
    const tags: Record<string, string> = {
      [TAGS.workload]: props.workload,
      [TAGS.backupTier]: props.backupTier,
      [TAGS.rpoMinutes]: String(props.recoveryTargets.rpoMinutes),
      [TAGS.rtoMinutes]: String(props.recoveryTargets.rtoMinutes),
    };
    if (props.recoveryTargets.regionLoss) {
      tags[TAGS.regionRpoMinutes] = String(props.recoveryTargets.regionLoss.rpoMinutes);
      tags[TAGS.regionRtoMinutes] = String(props.recoveryTargets.regionLoss.rtoMinutes);
    }
    for (const [key, value] of Object.entries(tags)) {
      Tags.of(cfn).add(key, value);
    }

    const defaultPortReason =
      'The engine default port is kept because the vendor applications being migrated are configured for it; ' +
      'the security group admits only named application groups and named on-premises ranges, so the port hides nothing.';
    for (const id of [
      'AwsSolutions::AwsSolutions-RDS11',
      'cdk-validator-cfnguard::rds_instance_no_default_ports_check',
    ]) {
      Validations.of(this.instance).acknowledge({ id, reason: defaultPortReason });
    }
    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
      reason:
        'The enhanced-monitoring role uses the AWS-maintained policy that only lets RDS publish OS metrics to CloudWatch Logs.',
    });
    for (const [log, reason] of Object.entries(this.facts.logExportsNotUsed)) {
      Validations.of(this.instance).acknowledge({
        id: `NIST.800.53.R5::NIST.800.53.R5-RDSLoggingEnabled[LogExport::${log}]`,
        reason,
      });
    }
    // Only the fact that justifies it earns the acknowledgement: a production database without
    // Multi-AZ (an explicit override) is left to fail the rule packs.
    if (!multiAz && !props.production) {
      for (const id of [
        'AwsSolutions::AwsSolutions-RDS3',
        'NIST.800.53.R5::NIST.800.53.R5-RDSMultiAZSupport',
        'cdk-validator-cfnguard::rds_instance_multi_az_support_check',
      ]) {
        Validations.of(this.instance).acknowledge({
          id,
          reason: `${label} is a non-production database: single-AZ is an accepted cost trade-off; its recovery after an AZ loss is restore from point-in-time recovery, which the DR check bounds.`,
        });
      }
    }
  }
}

interface Resolved {
  readonly multiAz: boolean;
  readonly iamAuthentication: boolean;
  readonly removalPolicy: RemovalPolicy;
  readonly facts: EngineFacts;
}

function validate(props: CouncilDatabaseProps, label: string, resolved: Resolved): void {
  const problems: string[] = [];
  const edition = editionOf(props.engine, props.edition);
  const multiAz = edition && resolved.multiAz ? multiAzProblem(edition, props.version) : undefined;
  if (multiAz !== undefined) {
    problems.push(`${edition?.label ?? props.engine} ${props.version} does not support Multi-AZ: ${multiAz}`);
  }
  if (resolved.iamAuthentication && !resolved.facts.supportsIamAuthentication) {
    problems.push(
      `IAM database authentication is only available for MySQL and PostgreSQL, not ${props.engine}`,
    );
  }
  if (resolved.removalPolicy === RemovalPolicy.DESTROY) {
    problems.push('removalPolicy DESTROY would lose the data with no final snapshot; use SNAPSHOT or RETAIN');
  }
  if (props.production && props.deletionProtection === false) {
    problems.push('production databases keep deletion protection');
  }
  const days = props.pointInTimeRecovery.toDays();
  if (!Number.isInteger(days) || days < MIN_PITR_DAYS || days > MAX_PITR_DAYS) {
    problems.push(
      `pointInTimeRecovery must be a whole number of days from ${MIN_PITR_DAYS} to ${MAX_PITR_DAYS}`,
    );
  }
  const identifier = databaseInstanceIdentifier(props.namePrefix, props.workload, props.databaseName);
  if (identifier.length > MAX_DB_INSTANCE_IDENTIFIER_LENGTH) {
    problems.push(
      `instance identifier ${identifier} is longer than ${MAX_DB_INSTANCE_IDENTIFIER_LENGTH} characters`,
    );
  }
  const isolated = new Set(props.vpc.isolatedSubnets.map((s) => s.node.path));
  const selected = props.vpc.selectSubnets(props.subnets).subnets;
  if (selected.length === 0 || selected.some((s) => !isolated.has(s.node.path))) {
    problems.push('subnets must select isolated subnets only (no route to the internet)');
  }
  if (
    props.maxAllocatedStorageGiB !== undefined &&
    props.maxAllocatedStorageGiB < props.allocatedStorageGiB
  ) {
    problems.push('maxAllocatedStorageGiB must be at least allocatedStorageGiB');
  }
  if (edition && !edition.licences.includes(props.licence)) {
    problems.push(
      `${props.licence} is not available for ${edition.label}: ${engineDefinition(props.engine).licenceWhy}`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`CouncilDatabase ${label}: ${problems.join('; ')}`);
  }
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
