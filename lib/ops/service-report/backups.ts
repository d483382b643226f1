import { figure, notRead, type Figure, type JobCounts, type RpoResult } from './model';
import type { ReportPeriod } from './period';
import { BACKUP_METRICS, vaultKey, type BackupMetric, type SeriesLookup } from './queries';
import type { RecoveryPointRecord } from './source';
import { sum, within } from './stats';

/*
 * Backup success from AWS Backup's own job counts (CloudWatch keeps them for 15 months, so the
 * previous month compares too) and RPO compliance from the recovery points in the vault: for every
 * minute of the judged window, how old the newest recovery point was.
 */

/** The job counts of a vault in a period; not read when none of its series could be read or has data. */
export function jobCounts(vault: string, period: ReportPeriod, lookup: SeriesLookup): Figure<JobCounts> {
  const counts: Partial<Record<BackupMetric, number>> = {};
  const reasons: string[] = [];
  let anyData = false;
  for (const metric of Object.keys(BACKUP_METRICS) as BackupMetric[]) {
    const read = lookup(vaultKey(vault, metric));
    if (!read.ok) {
      reasons.push(read.reason);
      continue;
    }
    const values = within(read.series, period.start.getTime(), period.end.getTime()).values;
    if (values.length > 0) anyData = true;
    counts[metric] = sum(values);
  }
  if (reasons.length > 0) return notRead([...new Set(reasons)].join('; '));
  if (!anyData) {
    return notRead(
      `AWS Backup published no job counts for vault ${vault} in ${period.label}: no job ran, or the vault is not where the plans write`,
    );
  }
  // A count AWS Backup did not publish while it published others for the vault is zero jobs.
  return figure({
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
    expired: counts.expired ?? 0,
    aborted: counts.aborted ?? 0,
    copiesCompleted: counts.copiesCompleted ?? 0,
    copiesFailed: counts.copiesFailed ?? 0,
  });
}

/** Percent of backup (or copy) jobs that completed; null when there were none. */
export function successPercent(c: JobCounts, kind: 'backup' | 'copy'): number | null {
  const ok = kind === 'backup' ? c.completed : c.copiesCompleted;
  const bad = kind === 'backup' ? c.failed + c.expired + c.aborted : c.copiesFailed;
  return ok + bad === 0 ? null : (ok / (ok + bad)) * 100;
}

/** Whether a recovery point is continuous backup (point-in-time recovery held by AWS Backup). */
export function isContinuous(point: RecoveryPointRecord): boolean {
  return point.recoveryPointArn.includes(':continuous:');
}

const USABLE = new Set(['COMPLETED', 'AVAILABLE']);

/**
 * RPO compliance of one database over [from, to): its newest usable recovery point must never be
 * older than the RPO. A usable continuous recovery point created before the window meets it (AWS
 * Backup keeps it current; `lz ops db-health` checks how current).
 */
export function rpoCompliance(
  points: readonly RecoveryPointRecord[],
  rpoMinutes: number,
  from: number,
  to: number,
): RpoResult {
  const usable = points.filter((p) => USABLE.has(p.status));
  if (usable.some((p) => isContinuous(p) && p.createdAt <= from)) {
    return { met: true, worstGapMinutes: 0, minutesOutside: 0, points: usable.length, continuous: true };
  }
  const times = usable
    .filter((p) => !isContinuous(p))
    .map((p) => p.createdAt)
    .filter((t) => t < to)
    .sort((a, b) => a - b);
  const rpo = rpoMinutes * 60_000;
  const before = times.filter((t) => t <= from);
  const inside = times.filter((t) => t > from);
  // Newest point as the window opens (or none), then each point inside it.
  let newest = before.length > 0 ? (before[before.length - 1] as number) : Number.NEGATIVE_INFINITY;
  let cursor = from;
  let outside = 0;
  let worst = 0;
  for (const t of [...inside, to]) {
    // Between cursor and t the newest point is `newest`; it is too old from newest + rpo onwards.
    const staleFrom = Math.max(cursor, newest + rpo);
    if (t > staleFrom) outside += t - staleFrom;
    worst = Math.max(worst, t - Math.max(newest, from - rpo));
    newest = t;
    cursor = t;
  }
  return {
    met: outside === 0,
    worstGapMinutes: Math.round(worst / 60_000),
    minutesOutside: Math.round(outside / 60_000),
    points: inside.length,
    continuous: false,
  };
}
