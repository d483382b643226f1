/**
 * The planning figures the DR check uses where a template cannot say how long something takes.
 * They are deliberately pessimistic, documented in docs/data-protection.md, and meant to be
 * replaced by measured restore-test durations as those accumulate.
 */
export const ASSUMPTIONS = {
  /** RDS uploads transaction logs every five minutes: the PITR (and continuous backup) RPO. */
  pointInTimeRpoMinutes: 5,
  /** Multi-AZ failover to the synchronous standby: typically one to two minutes; bound at five. */
  multiAzFailoverMinutes: 5,
  /** A warm standby or replica taking over (promotion, DNS, application reconnection): the plan's bound. */
  standbyTakeoverMinutes: 30,
  /** Fixed part of restoring an RDS instance (create, attach, DNS, app reconnection). */
  restoreBaseMinutes: 30,
  /** Variable part: minutes per started 100 GiB of allocated storage. */
  restoreMinutesPer100GiB: 15,
  /** A copy job lands after its backup job completes; allowance for the transfer. */
  copyAllowanceMinutes: 60,
  /** Bringing a recovery point back from the backup account (share, re-key, copy). */
  crossAccountRecoveryMinutes: 60,
  /** Standing up network, keys and database stacks in the DR region from this code. */
  drRegionRebuildMinutes: 480,
  /** Europe/London schedules stretch by an hour when the clocks go back. */
  daylightSavingAllowanceMinutes: 60,
} as const;

/** Minutes to restore a database of this many GiB (allocated storage from a template, or the data size in the plan). */
export function restoreMinutes(gib: number): number {
  return ASSUMPTIONS.restoreBaseMinutes + Math.ceil(gib / 100) * ASSUMPTIONS.restoreMinutesPer100GiB;
}
