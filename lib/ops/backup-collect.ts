import {
  DescribeBackupVaultCommand,
  paginateListBackupJobs,
  paginateListCopyJobs,
  paginateListRecoveryPointsByBackupVault,
  type BackupClient,
} from '@aws-sdk/client-backup';
import { attempt, classifyError, isNotFound, type OperationError } from './errors';
import type { LiveJob, LiveRecoveryPoint, LiveVault } from './backup-compliance';
import { answered } from './http';

/**
 * One vault: its lock settings, then every recovery point in it (paginated). A vault that does not
 * exist is a finding, not an error; a vault that cannot be read is an error.
 */
export async function collectVault(
  client: BackupClient,
  vaultName: string,
): Promise<{ vault?: LiveVault; errors: OperationError[] }> {
  let described;
  try {
    described = answered(
      await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vaultName })),
      'BackupVaultName',
    );
  } catch (error) {
    // AWS Backup's own "no such vault"; a 404 that is not an AWS answer is a failed read.
    if (isNotFound(error, /^ResourceNotFoundException$/))
      return { vault: { name: vaultName, exists: false, recoveryPoints: [] }, errors: [] };
    return { errors: [classifyError('backup:DescribeBackupVault', error)] };
  }
  const points = await attempt('backup:ListRecoveryPointsByBackupVault', async () => {
    const out: LiveRecoveryPoint[] = [];
    for await (const page of paginateListRecoveryPointsByBackupVault(
      { client },
      { BackupVaultName: vaultName },
    )) {
      for (const p of page.RecoveryPoints ?? []) {
        if (p.RecoveryPointArn === undefined) continue;
        const completed = p.CompletionDate ?? p.CreationDate;
        out.push({
          arn: p.RecoveryPointArn,
          ...(p.ResourceArn === undefined ? {} : { resourceArn: p.ResourceArn }),
          ...(p.Status === undefined ? {} : { status: p.Status }),
          ...(completed === undefined ? {} : { completed }),
          // RDS continuous backups are one recovery point kept current by AWS Backup.
          continuous: p.RecoveryPointArn.includes(':continuous:'),
        });
      }
    }
    return out;
  });
  const vault: LiveVault = {
    name: vaultName,
    exists: true,
    ...(described.Locked === undefined ? {} : { locked: described.Locked }),
    ...(described.LockDate === undefined ? {} : { lockDate: described.LockDate }),
    ...(described.MinRetentionDays === undefined ? {} : { minRetentionDays: described.MinRetentionDays }),
    ...(described.MaxRetentionDays === undefined ? {} : { maxRetentionDays: described.MaxRetentionDays }),
    ...(described.VaultType === undefined ? {} : { vaultType: described.VaultType }),
    recoveryPoints: points.ok ? points.value : [],
    recoveryPointsRead: points.ok,
  };
  return { vault, errors: points.ok ? [] : [points.error] };
}

/** Backup job states that mean a backup did not happen. */
export const FAILED_BACKUP_JOB_STATES = ['FAILED', 'EXPIRED', 'ABORTED'] as const;
/** Copy job states that mean a copy did not (fully) happen; copy jobs never expire or abort. */
export const FAILED_COPY_JOB_STATES = ['FAILED', 'PARTIAL'] as const;

/**
 * Backup and copy jobs created since `since` in one account and region that failed, expired or were
 * aborted. One paginated call per state, so the service filters and the pages stay short.
 */
export async function collectFailedJobs(
  client: BackupClient,
  since: Date,
): Promise<{ jobs: LiveJob[]; errors: OperationError[] }> {
  const [backups, copies] = await Promise.all([
    attempt('backup:ListBackupJobs', async () => {
      const out: LiveJob[] = [];
      for (const state of FAILED_BACKUP_JOB_STATES) {
        for await (const page of paginateListBackupJobs(
          { client },
          { ByCreatedAfter: since, ByState: state },
        )) {
          for (const j of page.BackupJobs ?? []) {
            out.push({
              kind: 'backup',
              id: j.BackupJobId ?? '?',
              state: j.State ?? state,
              ...(j.ResourceArn === undefined ? {} : { resourceArn: j.ResourceArn }),
              ...(j.CreationDate === undefined ? {} : { created: j.CreationDate }),
              ...(j.StatusMessage === undefined ? {} : { message: j.StatusMessage }),
            });
          }
        }
      }
      return out;
    }),
    attempt('backup:ListCopyJobs', async () => {
      const out: LiveJob[] = [];
      for (const state of FAILED_COPY_JOB_STATES) {
        for await (const page of paginateListCopyJobs(
          { client },
          { ByCreatedAfter: since, ByState: state },
        )) {
          for (const j of page.CopyJobs ?? []) {
            out.push({
              kind: 'copy',
              id: j.CopyJobId ?? '?',
              state: j.State ?? state,
              ...(j.ResourceArn === undefined ? {} : { resourceArn: j.ResourceArn }),
              ...(j.CreationDate === undefined ? {} : { created: j.CreationDate }),
              ...(j.StatusMessage === undefined ? {} : { message: j.StatusMessage }),
              ...(j.DestinationBackupVaultArn === undefined
                ? {}
                : { destinationVault: j.DestinationBackupVaultArn }),
            });
          }
        }
      }
      return out;
    }),
  ]);
  const errors: OperationError[] = [];
  if (!backups.ok) errors.push(backups.error);
  if (!copies.ok) errors.push(copies.error);
  return { jobs: [...(backups.ok ? backups.value : []), ...(copies.ok ? copies.value : [])], errors };
}
