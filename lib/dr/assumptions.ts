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

export function restoreMinutes(allocatedStorageGiB: number): number {
  return (
    ASSUMPTIONS.restoreBaseMinutes +
    Math.ceil(allocatedStorageGiB / 100) * ASSUMPTIONS.restoreMinutesPer100GiB
  );
}
