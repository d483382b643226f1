/*
 * Names shared by the constructs that write them, the rules and checks that read them back from the
 * templates, the reports and the operations commands. A tag key or an identifier rule written in
 * two places drifts; written here once, the compiler finds every reader.
 */

/** PascalCase of a kebab-case name, for construct IDs: "non-production" becomes "NonProduction". */
export function pascal(name: string): string {
  return name
    .split('-')
    .map((part) => (part[0] ?? '').toUpperCase() + part.slice(1))
    .join('');
}

/** Tag keys the landing zone writes and its checks, reports and commands read. */
export const TAGS = {
  /** Accountable owner (a role): the organisation's owner on shared infrastructure, the business owner on a workload. */
  owner: 'owner',
  technicalOwner: 'technical-owner',
  costCentre: 'cost-centre',
  managedBy: 'managed-by',
  /** Government Security Classification: OFFICIAL or OFFICIAL-SENSITIVE. */
  classification: 'classification',
  /** The migration wave id, or `landing-zone` for shared infrastructure. */
  wave: 'wave',
  workload: 'workload',
  serviceArea: 'service-area',
  cmdbId: 'cmdb-id',
  environment: 'environment',
  migrationStrategy: 'migration-strategy',
  /** AWS Backup selects resources by this tag, one backup plan per tier. */
  backupTier: 'backup-tier',
  /** Agreed recovery targets, read by the DR check from the templates. */
  rpoMinutes: 'rpo-minutes',
  rtoMinutes: 'rto-minutes',
  regionRpoMinutes: 'region-rpo-minutes',
  regionRtoMinutes: 'region-rto-minutes',
  /** The council site of a VPN connection. */
  site: 'site',
  /** The on-premises host name of a server MGN launches; its alarms select the instance by it. */
  server: 'server',
} as const;

/** Tags every resource must carry (the council pack's required-tags rule). */
export const REQUIRED_TAGS = [TAGS.owner, TAGS.classification, TAGS.wave, TAGS.costCentre] as const;

/** The `managed-by` value of everything this project deploys. */
export const MANAGED_BY = 'council-landing-zone';
/** Government Security Classifications the council's data carries (the `classification` tag). */
export const CLASSIFICATIONS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
/** The classification whose databases record who did what (SQL Server Audit, pgaudit). */
export const OFFICIAL_SENSITIVE: Classification = 'OFFICIAL-SENSITIVE';

/** The classification tag of shared landing-zone infrastructure (workloads tag their own). */
export const LANDING_ZONE_CLASSIFICATION: Classification = 'OFFICIAL';
/** The wave tag of shared landing-zone infrastructure (workloads tag their wave id). */
export const LANDING_ZONE_WAVE = 'landing-zone';

/** The tags every resource of shared landing-zone infrastructure carries, in every app. */
export function landingZoneTags(organisation: {
  readonly owner: string;
  readonly costCentre: string;
}): Readonly<Record<string, string>> {
  return {
    [TAGS.owner]: organisation.owner,
    [TAGS.costCentre]: organisation.costCentre,
    [TAGS.managedBy]: MANAGED_BY,
    [TAGS.classification]: LANDING_ZONE_CLASSIFICATION,
    [TAGS.wave]: LANDING_ZONE_WAVE,
  };
}

/** Longest RDS DB instance identifier RDS accepts. */
export const MAX_DB_INSTANCE_IDENTIFIER_LENGTH = 63;

/**
 * The RDS instance identifier of a planned database: `<prefix>-<workload>-<database>`. The construct,
 * the wave rules and the operations commands (`lz ops db-health`) all use this, so they cannot drift.
 */
export function databaseInstanceIdentifier(
  namePrefix: string,
  workload: string,
  databaseName: string,
): string {
  return `${namePrefix}-${workload}-${databaseName}`;
}

/**
 * Where database audit files land in the log archive bucket: each account under its own
 * `database-audit/<account id>/`, the key prefix the audit bucket writes and replicates with
 * (lib/data/sqlserver-audit.ts) and the archive bucket policy admits (lib/security-baseline).
 */
export const DATABASE_AUDIT_ARCHIVE_PREFIX = 'database-audit/';

/**
 * The IAM path of the roles that replicate database audit files into the log archive, in every
 * workload account: the archive's bucket and key policies admit roles on this path only
 * (aws:PrincipalArn), since their generated names are not known to the log-archive stack.
 */
export function databaseAuditReplicationRolePath(prefix: string): string {
  return `/${prefix}-database-audit/`;
}

/*
 * Monitoring names: written by the monitoring constructs, read back by `lz ops service-report`, the
 * deployment check and the docs. Every name derives from configuration names (workload ids, database
 * names, host names, accounts, sites), never from list positions.
 */

/** A metric alarm of one resource of a workload: `<prefix>-<workload>-<resource>-<signal>`. */
export function workloadAlarmName(
  prefix: string,
  workload: string,
  resource: string,
  signal: string,
): string {
  return `${prefix}-${workload}-${resource}-${signal}`;
}

/** The composite alarm that pages the rota once for any trouble with a workload. */
export function serviceAlarmName(prefix: string, workload: string): string {
  return `${prefix}-${workload}-service`;
}

/** The composite alarm that escalates a critical workload's trouble outside the rota's hours. */
export function escalationAlarmName(prefix: string, workload: string): string {
  return `${prefix}-${workload}-out-of-hours`;
}

/** The alert topic of an account: the rota, or the out-of-hours escalation of critical services. */
export function alertTopicName(prefix: string, account: string, audience: 'rota' | 'out-of-hours'): string {
  return audience === 'rota' ? `${prefix}-alerts-${account}` : `${prefix}-alerts-${account}-out-of-hours`;
}

/** The CloudWatch dashboard of one service area in one account. */
export function serviceAreaDashboardName(prefix: string, account: string, area: string): string {
  return `${prefix}-service-${account}-${area}`;
}

/** The one estate overview dashboard. */
export function estateDashboardName(prefix: string): string {
  return `${prefix}-estate-overview`;
}

/**
 * The SSM parameter holding a migrated server's CloudWatch agent configuration. The `AmazonCloudWatch-`
 * prefix is what the AWS managed policy CloudWatchAgentServerPolicy lets an instance read, and what
 * the `AmazonCloudWatch-ManageAgent` document (an MGN post-launch action) loads the agent from.
 */
export function cloudWatchAgentParameterName(prefix: string, hostname: string): string {
  return `AmazonCloudWatch-${prefix}-${hostname}`;
}

/** The log group that archives every state change of the landing zone's alarms, in each account. */
export function alarmHistoryLogGroupName(prefix: string): string {
  return `/${prefix}/alarm-history`;
}

/** The stack of one wave's AWS DMS resources in one VPC (stacks/database-migration-stack.ts). */
export function databaseMigrationStackName(namePrefix: string, wave: string, vpc: string): string {
  return `${namePrefix}-database-migration-${wave}-${vpc}`;
}

/** The stack of an account's MGN templates and DMS service roles (stacks/migration-services-stack.ts). */
export function migrationServicesStackName(namePrefix: string, account: string): string {
  return `${namePrefix}-migration-services-${account}`;
}

/** A VPC's Name tag (and the prefix of its parts' names); the project rules find configured VPCs by it. */
export function vpcNameTag(prefix: string, vpc: string): string {
  return `${prefix}-${vpc}`;
}
