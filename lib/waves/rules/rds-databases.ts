import { ASSUMPTIONS, restoreMinutes } from '../../dr/assumptions';
import { databaseInstanceIdentifier, MAX_DB_INSTANCE_IDENTIFIER_LENGTH } from '../../names';
import type { DR_STRATEGIES } from '../schema';
import type { WaveRule } from './rule';

/**
 * How long a database takes to come back under the workload's declared DR strategy: a warm
 * standby, pilot light or multi-site deployment keeps a replica that takes over; backup-restore
 * restores the data (its size, not the storage allocated for growth), from the backup account's
 * copy when the account's vault is not compliance-locked. The gate's DR check still judges the
 * templates against logical corruption, which a replica copies.
 */
export function recoveryMinutes(
  strategy: (typeof DR_STRATEGIES)[number],
  dataGiB: number,
  complianceLockedVault: boolean,
): { minutes: number; how: string } {
  if (strategy !== 'backup-restore') {
    return { minutes: ASSUMPTIONS.standbyTakeoverMinutes, how: `failing over to the ${strategy} replica of` };
  }
  return {
    minutes: restoreMinutes(dataGiB) + (complianceLockedVault ? 0 : ASSUMPTIONS.crossAccountRecoveryMinutes),
    how: `restoring the ${dataGiB} GiB of`,
  };
}

/**
 * What the CDK app needs to build a migrating workload's databases with target rds, checked before
 * synth: an RDS engine and licence the database construct can build, valid storage, an isolated
 * tier in the target VPC, an identifier RDS accepts and that nothing else uses, a backup tier that
 * meets the workload's RPO (the tier is chosen, not written), a recovery under its DR strategy that
 * fits its RTO under the DR check's planning figures, and no second declaration in dataProtection.databases. Each
 * workload's target is resolved once, while the files are validated (lib/waves/resolve.ts).
 */
export const rdsDatabases: WaveRule = (plan, report) => {
  const lz = plan.landingZone;
  const prefix = lz.organisation.shortName;
  const configDatabases = (lz.dataProtection?.databases ?? []).map((db, index) => ({
    db,
    index,
    identifier: databaseInstanceIdentifier(prefix, db.workload, db.name),
  }));

  for (const w of plan.workloads) {
    const v = w.value;
    for (const { db, index } of configDatabases.filter((c) => c.db.workload === v.id)) {
      if (!v.databases.some((d) => d.name === db.name)) {
        report(
          w.at('id'),
          `workload ${v.id} is in the migration plan, but dataProtection.databases[${index}] (${db.workload}/${db.name}) also declares a database for it; declare it in the wave file's databases instead`,
        );
      }
    }
    const target = w.target;
    if (!target.builds || !v.target || !target.account) {
      continue;
    }
    const databases = target.rdsDatabases;
    if (target.tierChoice !== undefined) {
      if (!target.tierChoice.ok) {
        report(w.at('recovery', 'rpoMinutes'), target.tierChoice.reason);
      }
    } else if (databases.length > 0) {
      report(
        w.at('databases', databases[0]?.index ?? 0, 'target'),
        'the landing zone has no dataProtection section, so there are no backup tiers or vaults for RDS databases',
      );
    }
    if (databases.length > 0 && target.isolatedTier === undefined) {
      report(
        w.at('target', 'vpc'),
        `VPC ${v.target.vpc} has no isolated subnet tier to hold the workload's RDS databases`,
      );
    }
    const lock = target.production
      ? lz.dataProtection?.vaults.production
      : lz.dataProtection?.vaults.nonProduction;
    for (const { index: i, db, identifier, spec, problems } of databases) {
      for (const problem of problems) {
        report(w.at('databases', i, ...problem.path), problem.message);
      }
      if (identifier.length > MAX_DB_INSTANCE_IDENTIFIER_LENGTH) {
        report(
          w.at('databases', i, 'name'),
          `the instance identifier ${identifier} would exceed the ${MAX_DB_INSTANCE_IDENTIFIER_LENGTH} characters RDS allows`,
        );
      }
      const clash = configDatabases.find((c) => c.identifier === identifier);
      if (clash) {
        report(
          w.at('databases', i, 'name'),
          `database ${identifier} is also declared in dataProtection.databases[${clash.index}]; a workload in the plan owns its databases, so remove it there`,
        );
      }
      if (spec && lock) {
        const recovery = recoveryMinutes(v.recovery.drStrategy, db.sizeGiB, lock.mode === 'compliance');
        if (recovery.minutes > v.recovery.rtoMinutes) {
          report(
            w.at('recovery', 'rtoMinutes'),
            `${recovery.how} ${db.name} takes up to ${recovery.minutes} minutes under the DR check's planning figures (lib/dr/assumptions.ts), more than the RTO of ${v.recovery.rtoMinutes}; agree a longer RTO${v.recovery.drStrategy === 'backup-restore' ? ', a smaller database or a standby (drStrategy)' : ''}`,
          );
        }
      }
    }
  }
};
