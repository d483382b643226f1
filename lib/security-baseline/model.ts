import { landingZoneRegions } from '../config/regions';
import {
  DEFAULT_MINIMUM_LOG_RETENTION_DAYS,
  type AccountConfig,
  type LandingZoneConfig,
} from '../config/schema';
import { LOG_RETENTION_DAYS } from '../config/schema-primitives';
import type { SecurityBaselineConfig } from '../config/schema-security-baseline';

/**
 * Global services (IAM, STS global endpoint, AWS sign-in, Organizations) deliver their CloudTrail
 * events to EventBridge only in US East (N. Virginia), so the alarms on root sign-in and IAM
 * policy changes need a forwarding rule there. Only those rules are created there; nothing is
 * stored in this region.
 */
export const GLOBAL_EVENTS_REGION = 'us-east-1';

/**
 * Everything the security baseline derives from a validated configuration, once: the accounts it
 * deploys into, the regions it covers (the same allowed regions the synth-time residency rule
 * uses), the names that tie the accounts together, and the runbook address.
 */
export interface SecurityBaselineModel {
  readonly config: SecurityBaselineConfig;
  /** Name prefix, e.g. kvdc. */
  readonly prefix: string;
  readonly organisationName: string;
  readonly organisationId: string;
  readonly homeRegion: string;
  /** The home region first, then the DR region where the residency rule allows it. */
  readonly regions: readonly string[];
  readonly logArchive: AccountConfig;
  readonly security: AccountConfig;
  readonly management: AccountConfig;
  readonly network: AccountConfig;
  /** Every account but the management account: the ones the service control policies govern. */
  readonly members: readonly AccountConfig[];
  /** Every account in configuration, the management account included. */
  readonly accounts: readonly AccountConfig[];
  readonly breakGlassRoleName: string;
  /** Runbook address of docs/security-baseline.md; alarms append `#<anchor>`. */
  readonly runbookUrl: string;
  /** The archive bucket the organisation trail and the log subscriptions write to. */
  readonly archiveBucketName: string;
  /** The bucket AWS Config delivers to (Config cannot deliver to an Object Lock bucket). */
  readonly configBucketName: string;
  /** The KMS alias of the archive key, usable from other accounts as an alias ARN. */
  readonly archiveKeyAlias: string;
  /** The CloudWatch Logs destination every archived log group subscribes to, per region. */
  readonly logDestinationName: string;
  readonly trailName: string;
  /** The custom event bus in the security account the alarms are raised from. */
  readonly alarmBusName: string;
  /** Prefix of every EventBridge rule the baseline creates, protected by the guardrails. */
  readonly ruleNamePrefix: string;
  /** The role AWS Config records with in every account (IAM is global: one per account). */
  readonly configRecorderRoleName: string;
  /** The role EventBridge forwards security events with in every account. */
  readonly forwarderRoleName: string;
  /**
   * The role the account baseline's deploy-time API calls run as in every account. It alone may
   * create EventBridge rules in us-east-1 (for the global-service events), so it has a fixed name
   * the guardrails can single out.
   */
  readonly deployTimeRoleName: string;
  /** Retention of the baseline's own log groups: the shortest CloudWatch accepts at the council's minimum. */
  readonly logRetentionDays: number;
}

function accountWithRole(config: LandingZoneConfig, role: AccountConfig['role']): AccountConfig {
  const account = config.accounts.find((a) => a.role === role);
  if (!account) {
    throw new Error(`no ${role} account (the configuration should have been validated)`);
  }
  return account;
}

/** The security baseline of a validated configuration, or undefined when it has none. */
export function securityBaselineModel(config: LandingZoneConfig): SecurityBaselineModel | undefined {
  const baseline = config.securityBaseline;
  if (baseline === undefined) {
    return undefined;
  }
  const prefix = config.organisation.shortName;
  const management = accountWithRole(config, 'management');
  const logArchive = accountWithRole(config, 'log-archive');
  const delivery = config.delivery;
  const runbookUrl =
    baseline.alarms.runbookUrl ??
    (delivery
      ? `https://github.com/${delivery.repository}/blob/${delivery.branch}/docs/security-baseline.md`
      : undefined);
  if (runbookUrl === undefined) {
    throw new Error(
      'no runbook address for the security alarms (the configuration should have been validated)',
    );
  }
  return {
    config: baseline,
    prefix,
    organisationName: config.organisation.name,
    organisationId: baseline.organisation.id,
    homeRegion: config.organisation.homeRegion,
    regions: landingZoneRegions(config.organisation),
    logArchive,
    security: accountWithRole(config, 'security'),
    management,
    network: accountWithRole(config, 'network'),
    members: config.accounts.filter((a) => a.role !== 'management'),
    accounts: config.accounts,
    breakGlassRoleName: baseline.breakGlass.roleName,
    runbookUrl,
    // Bucket names are global: the account id keeps them unique and tells a reader where they live.
    archiveBucketName: `${prefix}-log-archive-${logArchive.id}`,
    configBucketName: `${prefix}-config-history-${logArchive.id}`,
    archiveKeyAlias: `alias/${prefix}-log-archive`,
    logDestinationName: `${prefix}-log-archive`,
    trailName: `${prefix}-organisation-trail`,
    alarmBusName: `${prefix}-security-alarms`,
    ruleNamePrefix: `${prefix}-security-`,
    configRecorderRoleName: `${prefix}-config-recorder`,
    forwarderRoleName: `${prefix}-security-event-forwarder`,
    deployTimeRoleName: `${prefix}-baseline-deploy-time-calls`,
    logRetentionDays: retentionAtLeast(
      config.organisation.minimumLogRetentionDays ?? DEFAULT_MINIMUM_LOG_RETENTION_DAYS,
    ),
  };
}

function retentionAtLeast(days: number): number {
  return (
    LOG_RETENTION_DAYS.find((accepted) => accepted >= days) ??
    LOG_RETENTION_DAYS[LOG_RETENTION_DAYS.length - 1] ??
    days
  );
}
