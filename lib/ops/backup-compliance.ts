import type { ExpectedVault, ProtectedResource } from './backup-plan';
import type { Finding } from './report';

/** The parts of DescribeBackupVault and ListRecoveryPointsByBackupVault this check reads. */
export interface LiveVault {
  readonly name: string;
  readonly exists: boolean;
  readonly locked?: boolean;
  /** Set for a compliance-mode lock: when it becomes immutable. */
  readonly lockDate?: Date;
  readonly minRetentionDays?: number;
  readonly maxRetentionDays?: number;
  readonly vaultType?: string;
  readonly recoveryPoints: readonly LiveRecoveryPoint[];
  /** False when the recovery points could not be listed (the error is reported separately). */
  readonly recoveryPointsRead?: boolean;
}

export interface LiveRecoveryPoint {
  readonly arn: string;
  /** The protected resource, e.g. arn:aws:rds:eu-west-2:555555555555:db:kvdc-gis-main. */
  readonly resourceArn?: string;
  readonly status?: string;
  readonly completed?: Date;
  readonly continuous: boolean;
}

export interface LiveJob {
  readonly kind: 'backup' | 'copy';
  readonly id: string;
  readonly state: string;
  readonly resourceArn?: string;
  readonly created?: Date;
  readonly message?: string;
  readonly destinationVault?: string;
}

/** What was read for one vault: undefined when it could not be read (or was not selected). */
export type VaultReading = LiveVault | undefined;

export interface VaultRow {
  readonly kind: ExpectedVault['kind'];
  readonly account: string;
  readonly region: string;
  readonly vault: string;
  readonly exists?: boolean;
  /** compliance, governance, none; undefined when the vault was not read. */
  readonly lockMode?: 'compliance' | 'governance' | 'none';
  readonly lockDate?: Date;
  readonly minRetentionDays?: number;
  readonly maxRetentionDays?: number;
  readonly recoveryPoints?: number;
}

export interface ResourceRow {
  readonly identifier: string;
  readonly account: string;
  readonly tier: string;
  readonly rpoMinutes: number;
  /** `continuous` when a continuous recovery point is available; otherwise the newest snapshot. */
  readonly newest?: Date | 'continuous';
  readonly centralCopy?: Date;
  readonly drCopy?: Date;
  readonly failedJobs: number;
  /** The columns that could not be read (their vault or job list failed, or was not selected). */
  readonly unread: readonly ('newest' | 'centralCopy' | 'drCopy' | 'failedJobs')[];
}

export interface BackupEvaluation {
  readonly vaults: VaultRow[];
  readonly resources: ResourceRow[];
  readonly findings: Finding[];
}

const USABLE = new Set(['COMPLETED', 'AVAILABLE']);
const AIR_GAPPED = 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';

export function vaultKey(v: { accountName: string; region: string; vaultName: string }): string {
  return `${v.accountName}/${v.region}/${v.vaultName}`;
}

/** Whether an ARN (a recovery point's or a job's resource) is the RDS instance with this identifier. */
export function isDatabase(resourceArn: string | undefined, identifier: string): boolean {
  return resourceArn?.toLowerCase().endsWith(`:db:${identifier.toLowerCase()}`) ?? false;
}

function lockMode(vault: LiveVault): 'compliance' | 'governance' | 'none' {
  // An air-gapped vault is always compliance-locked; otherwise AWS sets LockDate only for compliance mode.
  if (vault.vaultType === AIR_GAPPED) return 'compliance';
  if (vault.locked !== true) return 'none';
  return vault.lockDate === undefined ? 'governance' : 'compliance';
}

function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60000));
}

function evaluateVault(expected: ExpectedVault, live: VaultReading, findings: Finding[]): VaultRow {
  const base = {
    kind: expected.kind,
    account: expected.accountName,
    region: expected.region,
    vault: expected.vaultName,
  };
  if (live === undefined) return base;
  const subject = `${expected.accountName}/${expected.region}/${expected.vaultName}`;
  if (!live.exists) {
    findings.push({ kind: 'missing-vault', subject, message: `the ${expected.kind} vault does not exist` });
    return { ...base, exists: false };
  }
  const mode = lockMode(live);
  if (mode === 'none') {
    findings.push({
      kind: 'vault-not-locked',
      subject,
      message: `no vault lock; the configuration asks for ${expected.lock.mode} mode`,
    });
  } else if (expected.lock.mode === 'compliance' && mode === 'governance') {
    findings.push({
      kind: 'vault-lock-mode',
      subject,
      message:
        'governance-mode lock: privileged principals can remove it; the configuration asks for compliance mode',
    });
  }
  if (
    mode !== 'none' &&
    (live.minRetentionDays !== expected.lock.minRetentionDays ||
      live.maxRetentionDays !== expected.lock.maxRetentionDays)
  ) {
    findings.push({
      kind: 'vault-lock-range',
      subject,
      message: `lock retention ${live.minRetentionDays ?? '-'}..${live.maxRetentionDays ?? '-'} days differs from the configured ${expected.lock.minRetentionDays}..${expected.lock.maxRetentionDays}`,
    });
  }
  return {
    ...base,
    exists: true,
    lockMode: mode,
    ...(live.lockDate === undefined ? {} : { lockDate: live.lockDate }),
    ...(live.minRetentionDays === undefined ? {} : { minRetentionDays: live.minRetentionDays }),
    ...(live.maxRetentionDays === undefined ? {} : { maxRetentionDays: live.maxRetentionDays }),
    ...(live.recoveryPointsRead === false ? {} : { recoveryPoints: live.recoveryPoints.length }),
  };
}

function newestSnapshot(vault: LiveVault, identifier: string): Date | undefined {
  let newest: Date | undefined;
  for (const p of vault.recoveryPoints) {
    if (p.continuous || !USABLE.has(p.status ?? '') || p.completed === undefined) continue;
    if (!isDatabase(p.resourceArn, identifier)) continue;
    if (newest === undefined || p.completed > newest) newest = p.completed;
  }
  return newest;
}

function hasContinuous(vault: LiveVault, identifier: string): boolean {
  return vault.recoveryPoints.some(
    (p) => p.continuous && USABLE.has(p.status ?? '') && isDatabase(p.resourceArn, identifier),
  );
}

function checkCopy(
  resource: ProtectedResource,
  where: 'central' | 'dr',
  vault: VaultReading,
  now: Date,
  findings: Finding[],
): Date | undefined {
  const copy = where === 'central' ? resource.centralCopy : resource.drCopy;
  if (copy === undefined || vault?.exists !== true || vault.recoveryPointsRead === false) return undefined;
  const label = where === 'central' ? 'the backup account vault' : `the DR-region vault (${copy.region})`;
  const newest = newestSnapshot(vault, resource.identifier);
  if (newest === undefined) {
    findings.push({
      kind: 'missing-copy',
      subject: resource.identifier,
      message: `no copy in ${label} ${copy.vaultName}, although tier ${resource.tier} copies there`,
    });
  } else if (minutesBetween(newest, now) > copy.maxAgeMinutes) {
    findings.push({
      kind: 'stale-copy',
      subject: resource.identifier,
      message: `the newest copy in ${label} is ${minutesBetween(newest, now)} minutes old; tier ${resource.tier} should have one within ${copy.maxAgeMinutes}`,
    });
  }
  return newest;
}

/**
 * Compares the vaults, recovery points and failed jobs with the configuration. Pure: the caller reads
 * AWS, so every finding can be tested on plain data. Vaults that were not read (an error, or not
 * selected) produce no findings: nothing is claimed about what was not seen.
 */
export function evaluateBackupCompliance(
  vaults: readonly ExpectedVault[],
  resources: readonly ProtectedResource[],
  live: ReadonlyMap<string, VaultReading>,
  jobs: readonly LiveJob[],
  now: Date,
  /** Accounts whose failed jobs could not be listed. */
  jobsUnread: ReadonlySet<string> = new Set(),
): BackupEvaluation {
  const findings: Finding[] = [];
  const vaultRows = vaults.map((v) => evaluateVault(v, live.get(vaultKey(v)), findings));
  const central = vaults.find((v) => v.kind === 'central');
  const dr = vaults.find((v) => v.kind === 'dr');
  const centralLive = central === undefined ? undefined : live.get(vaultKey(central));
  const drLive = dr === undefined ? undefined : live.get(vaultKey(dr));

  const resourceRows: ResourceRow[] = [];
  for (const r of resources) {
    const own = vaults.find((v) => v.kind === 'workload' && v.accountName === r.accountName);
    const ownLive = own === undefined ? undefined : live.get(vaultKey(own));
    const failed = jobs.filter((j) => isDatabase(j.resourceArn, r.identifier));
    let newest: Date | 'continuous' | undefined;
    if (ownLive?.exists === true && ownLive.recoveryPointsRead !== false) {
      const snapshot = newestSnapshot(ownLive, r.identifier);
      newest = hasContinuous(ownLive, r.identifier) ? 'continuous' : snapshot;
      if (newest === undefined) {
        findings.push({
          kind: 'unprotected',
          subject: r.identifier,
          message: `planned for tier ${r.tier} but has no recovery point in ${r.vaultName}`,
        });
      } else if (newest !== 'continuous' && minutesBetween(newest, now) > r.rpoMinutes) {
        findings.push({
          kind: 'rpo-breach',
          subject: r.identifier,
          message: `the newest recovery point is ${minutesBetween(newest, now)} minutes old, more than the ${r.rpoMinutes}-minute RPO (and no continuous backup)`,
        });
      }
    }
    const centralCopy = checkCopy(r, 'central', centralLive, now, findings);
    const drCopy = checkCopy(r, 'dr', drLive, now, findings);
    const read = (vault: VaultReading): boolean => vault !== undefined && vault.recoveryPointsRead !== false;
    const unread: ResourceRow['unread'][number][] = [];
    if (!read(ownLive) && ownLive?.exists !== false) unread.push('newest');
    if (r.centralCopy !== undefined && !read(centralLive) && centralLive?.exists !== false)
      unread.push('centralCopy');
    if (r.drCopy !== undefined && !read(drLive) && drLive?.exists !== false) unread.push('drCopy');
    if (jobsUnread.has(r.accountName)) unread.push('failedJobs');
    resourceRows.push({
      identifier: r.identifier,
      account: r.accountName,
      tier: r.tier,
      rpoMinutes: r.rpoMinutes,
      ...(newest === undefined ? {} : { newest }),
      ...(centralCopy === undefined ? {} : { centralCopy }),
      ...(drCopy === undefined ? {} : { drCopy }),
      failedJobs: failed.length,
      unread,
    });
  }

  for (const job of jobs) {
    const owner = resources.find((r) => isDatabase(job.resourceArn, r.identifier));
    const when = job.created === undefined ? '' : ` at ${job.created.toISOString()}`;
    const why = job.message === undefined ? '' : `: ${job.message}`;
    const to = job.destinationVault === undefined ? '' : ` to ${job.destinationVault}`;
    findings.push({
      kind: job.kind === 'backup' ? 'backup-job-failed' : 'copy-job-failed',
      subject: owner?.identifier ?? job.resourceArn ?? job.id,
      message: `${job.kind} job ${job.id}${to} ${job.state}${when}${why}`,
    });
  }
  return { vaults: vaultRows, resources: resourceRows, findings };
}
