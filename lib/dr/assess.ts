import { ASSUMPTIONS, restoreMinutes } from './assumptions';
import { maxIntervalMinutes } from './cron';
import type { AssemblyFacts, DatabaseFacts, RuleFacts, VaultFacts } from './model';
import { TAGS } from '../names';

export const DISRUPTIONS = ['az-loss', 'logical-corruption', 'region-loss'] as const;
export type Disruption = (typeof DISRUPTIONS)[number];

export const DISRUPTION_LABELS: Readonly<Record<Disruption, string>> = {
  'az-loss': 'AZ loss',
  'logical-corruption': 'logical corruption or ransomware',
  'region-loss': 'region loss',
};

/** One way to get the data back, with what it would cost in data and time. */
export interface RecoverySource {
  readonly description: string;
  readonly account: string;
  readonly region: string;
  /** Out of reach of someone who controls the database's account: another account, or a compliance-locked vault. */
  readonly immutable: boolean;
  readonly rpoMinutes: number;
  /** Restore time before any cross-account or cross-region allowance. */
  readonly baseRtoMinutes: number;
  /** Why AWS Backup would refuse to make this recovery point at all; such a source never counts. */
  readonly refused?: string;
}

/** Why a job keeping recovery points `retentionDays` in `vault` would be refused, if it would. */
function refusal(retentionDays: number | undefined, vault: VaultFacts | undefined): string | undefined {
  const minimum = vault?.minRetentionDays;
  if (retentionDays === undefined || minimum === undefined || retentionDays >= minimum) {
    return undefined;
  }
  return `its retention of ${retentionDays} days is below the ${minimum}-day minimum of the lock on ${vault?.name ?? 'the vault'}, so AWS Backup refuses the job`;
}

export type Status = 'met' | 'breach' | 'no-target';

export interface Assessment {
  readonly disruption: Disruption;
  /** null: no way to recover from this disruption (unbounded). */
  readonly rpoMinutes: number | null;
  readonly rtoMinutes: number | null;
  readonly targetRpoMinutes?: number;
  readonly targetRtoMinutes?: number;
  readonly status: Status;
  readonly reasoning: readonly string[];
}

export interface WorkloadAssessment {
  readonly workload: string;
  readonly database: string;
  readonly stackId: string;
  readonly region: string;
  readonly tier?: string;
  readonly engine: string;
  readonly assessments: readonly Assessment[];
}

export interface DrReport {
  readonly regions: readonly string[];
  readonly workloads: readonly WorkloadAssessment[];
  readonly breaches: number;
}

function tagNumber(db: DatabaseFacts, key: string): number | undefined {
  const text = db.tags[key];
  if (text === undefined || text.trim() === '' || Number.isNaN(Number(text))) {
    return undefined;
  }
  return Number(text);
}

function lockLabel(vault: VaultFacts | undefined): string {
  if (!vault) {
    return 'an unknown vault';
  }
  const kind = vault.airGapped ? 'logically air-gapped vault' : 'vault';
  const key = vault.keyProtected ? '' : ', key not protected from deletion';
  return `${kind} ${vault.name} (${vault.lock === 'none' ? 'no lock' : `${vault.lock} lock`}${key})`;
}

/** Worst-case age of the newest completed snapshot of a rule: gap between runs plus the completion window. */
function snapshotAge(rule: RuleFacts): { minutes: number; explanation: string } {
  const interval = maxIntervalMinutes(rule.schedule);
  const dst =
    rule.timezone === 'Etc/UTC' || rule.timezone === 'UTC' ? 0 : ASSUMPTIONS.daylightSavingAllowanceMinutes;
  return {
    minutes: interval + rule.completionWindowMinutes + dst,
    explanation:
      `runs at most ${interval} min apart (${rule.schedule}${dst > 0 ? `, +${dst} min for the clock change in ${rule.timezone}` : ''}) ` +
      `and may finish up to ${rule.completionWindowMinutes} min after it starts`,
  };
}

/** Every recovery source the templates give a database. */
export function recoverySources(facts: AssemblyFacts, db: DatabaseFacts): RecoverySource[] {
  const restore = restoreMinutes(db.allocatedStorageGiB);
  const sources: RecoverySource[] = [];
  if (db.backupRetentionDays > 0) {
    sources.push({
      description: `RDS point-in-time recovery (${db.backupRetentionDays} days) in the database's own account`,
      account: db.account,
      region: db.region,
      immutable: false,
      rpoMinutes: ASSUMPTIONS.pointInTimeRpoMinutes,
      baseRtoMinutes: restore,
    });
  }
  for (const { selection, rules } of facts.rulesFor(db)) {
    for (const rule of rules) {
      const where = `plan ${rule.planName} rule ${rule.ruleName} (selection ${selection})`;
      // Locked, and with a key that cannot be destroyed: otherwise deleting the key makes the
      // locked recovery points unreadable once the waiting period ends.
      const vaultImmutable = rule.vault?.lock === 'compliance' && rule.vault.keyProtected;
      const refused = refusal(rule.retentionDays, rule.vault);
      if (rule.continuous) {
        sources.push({
          description: `continuous backup by ${where} into ${lockLabel(rule.vault)}`,
          account: db.account,
          region: db.region,
          immutable: vaultImmutable,
          rpoMinutes: ASSUMPTIONS.pointInTimeRpoMinutes,
          baseRtoMinutes: restore,
          ...(refused === undefined ? {} : { refused }),
        });
        continue;
      }
      const age = snapshotAge(rule);
      sources.push({
        description: `snapshots by ${where} into ${lockLabel(rule.vault)}: ${age.explanation}`,
        account: db.account,
        region: db.region,
        immutable: vaultImmutable,
        rpoMinutes: age.minutes,
        baseRtoMinutes: restore,
        ...(refused === undefined ? {} : { refused }),
      });
      for (const copy of rule.copies) {
        const destination = facts.vault(copy.account, copy.region, copy.vaultName);
        const otherAccount = copy.account !== db.account;
        // A copy exists only if its snapshot does, and only if the destination's lock accepts it.
        const copyRefused = refused ?? refusal(copy.retentionDays ?? rule.retentionDays, destination);
        sources.push({
          description:
            `copy by ${where} to ${lockLabel(destination ?? { ...copy, name: copy.vaultName, lock: 'unknown', airGapped: false, keyProtected: false })} ` +
            `in account ${copy.account} ${copy.region}: snapshot age plus ${ASSUMPTIONS.copyAllowanceMinutes} min for the copy`,
          account: copy.account,
          region: copy.region,
          // Another account, or a compliance lock, and in either case a key no one can destroy.
          immutable:
            (otherAccount || destination?.lock === 'compliance') && destination?.keyProtected === true,
          rpoMinutes: age.minutes + ASSUMPTIONS.copyAllowanceMinutes,
          baseRtoMinutes: restore,
          ...(copyRefused === undefined ? {} : { refused: copyRefused }),
        });
      }
    }
  }
  return sources;
}

interface Candidate {
  readonly source: RecoverySource;
  readonly rto: number;
  readonly rtoExplanation: string;
}

function best(candidates: readonly Candidate[]): { rpo?: Candidate; rto?: Candidate } {
  const byRpo = [...candidates].sort((a, b) => a.source.rpoMinutes - b.source.rpoMinutes || a.rto - b.rto)[0];
  const byRto = [...candidates].sort((a, b) => a.rto - b.rto || a.source.rpoMinutes - b.source.rpoMinutes)[0];
  return { rpo: byRpo, rto: byRto };
}

function judge(
  disruption: Disruption,
  rpo: number | null,
  rto: number | null,
  targets: { rpo?: number; rto?: number },
  reasoning: string[],
): Assessment {
  let status: Status = 'met';
  if (targets.rpo === undefined || targets.rto === undefined) {
    status = 'no-target';
    reasoning.push('no target is tagged for this disruption, so it is reported but not judged');
  } else {
    if (rpo === null || rpo > targets.rpo) {
      status = 'breach';
      reasoning.push(
        `RPO ${rpo === null ? 'unbounded' : `${rpo} min`} exceeds the target of ${targets.rpo} min`,
      );
    }
    if (rto === null || rto > targets.rto) {
      status = 'breach';
      reasoning.push(
        `RTO ${rto === null ? 'unbounded' : `${rto} min`} exceeds the target of ${targets.rto} min`,
      );
    }
  }
  return {
    disruption,
    rpoMinutes: rpo,
    rtoMinutes: rto,
    targetRpoMinutes: targets.rpo,
    targetRtoMinutes: targets.rto,
    status,
    reasoning,
  };
}

function fromCandidates(
  disruption: Disruption,
  candidates: readonly Candidate[],
  none: string,
  targets: { rpo?: number; rto?: number },
): Assessment {
  const reasoning: string[] = [];
  const { rpo, rto } = best(candidates);
  if (!rpo || !rto) {
    reasoning.push(none);
    return judge(disruption, null, null, targets, reasoning);
  }
  reasoning.push(`RPO ${rpo.source.rpoMinutes} min from ${rpo.source.description}`);
  reasoning.push(`RTO ${rto.rto} min: ${rto.rtoExplanation}`);
  return judge(disruption, rpo.source.rpoMinutes, rto.rto, targets, reasoning);
}

/**
 * What the configuration promises each backup tier beyond the templates' own tags: a copy in the DR
 * region. A database of such a tier is judged on region loss even when it carries no region target.
 */
export type DrPromises = ReadonlyMap<string, { readonly drRegion: string }>;

/** Achievable RPO and RTO bound of one database for each disruption, judged against its tagged targets. */
export function assessDatabase(
  facts: AssemblyFacts,
  db: DatabaseFacts,
  promises: DrPromises = new Map(),
): WorkloadAssessment {
  // The database's own region is its home: region loss means losing that region.
  const homeRegion = db.region;
  const all = recoverySources(facts, db);
  const sources = all.filter((s) => s.refused === undefined);
  const refusedNotes = all
    .filter((s) => s.refused !== undefined)
    .map((s) => `not counted (${s.refused ?? ''}): ${s.description.split(':')[0] ?? ''}`);
  const local = {
    rpo: tagNumber(db, TAGS.rpoMinutes),
    rto: tagNumber(db, TAGS.rtoMinutes),
  };
  const region = {
    rpo: tagNumber(db, TAGS.regionRpoMinutes),
    rto: tagNumber(db, TAGS.regionRtoMinutes),
  };
  const withAllowances = (source: RecoverySource, extraRegion: boolean): Candidate => {
    const parts = [`restore ${source.baseRtoMinutes} min for ${db.allocatedStorageGiB} GiB`];
    let rto = source.baseRtoMinutes;
    if (source.account !== db.account) {
      rto += ASSUMPTIONS.crossAccountRecoveryMinutes;
      parts.push(
        `+${ASSUMPTIONS.crossAccountRecoveryMinutes} min to bring the copy back from account ${source.account}`,
      );
    }
    if (extraRegion) {
      rto += ASSUMPTIONS.drRegionRebuildMinutes;
      parts.push(
        `+${ASSUMPTIONS.drRegionRebuildMinutes} min to stand up the network and stacks in ${source.region}`,
      );
    }
    return { source, rto, rtoExplanation: parts.join(' ') };
  };

  const assessments: Assessment[] = [];

  // AZ loss: the standby takes over; otherwise restore anything in the home region.
  if (db.multiAz) {
    assessments.push(
      judge('az-loss', 0, ASSUMPTIONS.multiAzFailoverMinutes, local, [
        `Multi-AZ: synchronous standby in another AZ, automatic failover bound at ${ASSUMPTIONS.multiAzFailoverMinutes} min, no data loss`,
      ]),
    );
  } else {
    assessments.push(
      fromCandidates(
        'az-loss',
        sources
          .filter((s) => s.region === db.region && s.account === db.account)
          .map((s) => withAllowances(s, false)),
        `AZ RPO unbounded: ${db.identifier} is single-AZ and has no backup in its own account and region`,
        local,
      ),
    );
  }

  // Logical corruption or ransomware: replication copies the damage, so only recovery points out of reach count.
  const immutable = sources.filter((s) => s.immutable);
  const logical = fromCandidates(
    'logical-corruption',
    immutable.map((s) => withAllowances(s, s.region !== homeRegion)),
    `logical-corruption RPO unbounded: no recovery point of ${db.identifier} is in a compliance-locked vault or another account`,
    local,
  );
  const excluded = sources.filter((s) => !s.immutable);
  assessments.push(
    excluded.length === 0
      ? logical
      : {
          ...logical,
          reasoning: [
            ...logical.reasoning,
            `not counted (deletable by someone who controls account ${db.account}): ${excluded.map((s) => s.description.split(':')[0]).join('; ')}`,
          ],
        },
  );

  // Region loss: only what lives in another region.
  const regionLoss = fromCandidates(
    'region-loss',
    sources.filter((s) => s.region !== homeRegion).map((s) => withAllowances(s, true)),
    `region RPO unbounded: no copy outside ${homeRegion} for database ${db.identifier}`,
    region,
  );
  const tier = db.tags['backup-tier'];
  const promised = tier === undefined ? undefined : promises.get(tier);
  if (promised !== undefined && !sources.some((s) => s.region === promised.drRegion)) {
    assessments.push({
      ...regionLoss,
      status: 'breach',
      reasoning: [
        ...regionLoss.reasoning,
        `backup tier ${tier ?? ''} promises a copy in ${promised.drRegion}, but the templates make none of ${db.identifier}`,
      ],
    });
  } else {
    assessments.push(regionLoss);
  }

  return {
    workload: db.tags[TAGS.workload] ?? db.identifier,
    database: db.identifier,
    stackId: db.stackId,
    region: db.region,
    tier: db.tags[TAGS.backupTier],
    engine: db.engine,
    assessments:
      refusedNotes.length === 0
        ? assessments
        : assessments.map((a) => ({ ...a, reasoning: [...a.reasoning, ...refusedNotes] })),
  };
}

export function assessAssembly(facts: AssemblyFacts, promises: DrPromises = new Map()): DrReport {
  const workloads = facts.databases
    .map((db) => assessDatabase(facts, db, promises))
    .sort((a, b) => a.workload.localeCompare(b.workload) || a.database.localeCompare(b.database));
  const breaches = workloads.flatMap((w) => w.assessments).filter((a) => a.status === 'breach').length;
  const regions = [...new Set(facts.databases.map((db) => db.region))].sort();
  return { regions, workloads, breaches };
}
