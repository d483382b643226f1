import { engineDefinition, waveEngine } from '../../data/engines';
import { databaseMigrationStackName, migrationServicesStackName } from '../../names';
import { migrationMethodLabel } from '../database-migration';
import { movedByDms } from '../dms-plan';
import type { MigrationPlan, ResolvedWorkload } from '../migration-plan';
import { transferHours, type ReplicationGroup } from '../replication';
import { serverFqdn } from '../resolve';
import { addDays, DAY_MS, formatLocal, localDate, minutesOutsideSupport, windowInterval } from '../time';

/*
 * A workload's cutover runbook, worked out from the resolved plan: the preparation before the
 * window (replication, database migration, test launch, DNS), then the steps of the window in order
 * with their clock times, who is on duty for each, the go/no-go decision with its owner and the
 * latest time it can be taken, the point of no return, and the rollback with its time against the
 * window, rollbackMinutes and the RTO. Pure: the renderers (markdown.ts, html.ts) only lay it out.
 */

/** Planning figures for the steps of a cutover window, minutes; replace with rehearsal timings. */
export const STEP_MINUTES = {
  preChecks: 30,
  freeze: 15,
  /** MGN lag to zero, or DMS change capture caught up and validated. */
  finalSync: 15,
  /** SQL Server: tail-log backup, copy to S3, restore with recovery. */
  nativeBackupFinal: 45,
  /** Oracle Data Pump: import, per started 100 GiB (the data is sent at the site's share too). */
  dataPumpImportPer100GiB: 15,
  /** MGN cutover instances launched and the post-launch actions run. */
  launch: 45,
  /** DNS records and connection strings pointed at AWS. */
  switchOver: 15,
  smokeTests: { critical: 60, high: 45, medium: 30, low: 30 },
  goNoGo: 15,
  finalise: 15,
} as const;

export type StepId =
  'pre-checks' | 'freeze' | 'final-sync' | 'launch' | 'switch' | 'smoke-tests' | 'go-no-go' | 'finalise';

export interface RunbookStep {
  readonly id: StepId;
  readonly title: string;
  /** The role that does or owns the step. */
  readonly owner: string;
  readonly start: number;
  readonly end: number;
  readonly actions: readonly string[];
  /** Within the rota's hours, under the window's declared extra cover, or neither. */
  readonly cover: 'rota' | 'extra-cover' | 'uncovered';
}

export interface PreparationStep {
  /** YYYY-MM-DD, in the window's time zone. */
  readonly by: string;
  readonly title: string;
  readonly actions: readonly string[];
}

export interface RunbookFinding {
  readonly message: string;
}

export interface Runbook {
  readonly workload: ResolvedWorkload;
  readonly zone: string;
  readonly window: { readonly start: number; readonly end: number; readonly extraCover?: string };
  readonly roles: Readonly<Record<string, string>>;
  readonly preparation: readonly PreparationStep[];
  readonly steps: readonly RunbookStep[];
  readonly goNoGo: { readonly owner: string; readonly at: number; readonly latest: number };
  readonly pointOfNoReturn: string;
  readonly rollback: {
    readonly trigger: string;
    readonly minutes: number;
    /** If the decision is no-go: rollback starts at the decision and ends here. */
    readonly endsAt: number;
    readonly actions: readonly string[];
  };
  readonly outage: {
    /** Users without the service from the freeze until the cutover is finalised. */
    readonly ifGoMinutes: number;
    /** ... or until the rollback has brought the source back. */
    readonly ifRollbackMinutes: number;
    readonly rtoMinutes: number;
  };
  /** Timings that do not fit the window, the rollback time or the RTO. */
  readonly findings: readonly RunbookFinding[];
}

const MINUTE = 60_000;

function hhmm(millis: number, zone: string): string {
  return formatLocal(millis, zone).slice(-5);
}

/** The replication groups a workload's servers and databases are in. */
function groupsOf(plan: MigrationPlan, workloadId: string): ReplicationGroup[] {
  return plan.replication.filter((g) => g.streams.some((s) => s.workload.id === workloadId));
}

/** The runbook of one migrating workload; undefined when it has no cutover window. */
export function buildRunbook(plan: MigrationPlan, resolved: ResolvedWorkload): Runbook | undefined {
  const { workload: w, wave } = resolved;
  const config = w.cutoverWindow ?? wave.cutoverWindow;
  const interval = windowInterval(config);
  if (!interval) {
    return undefined;
  }
  const zone = config.timeZone;
  const prefix = plan.landingZone.organisation.shortName;
  const programme = plan.programme;
  const technical = w.owners.technical ?? 'Technical owner (unassigned)';
  const business = w.owners.business ?? 'Business owner (unassigned)';
  const decisionOwner = w.rollback?.decisionOwner ?? business;
  const roles: Record<string, string> = {
    'Go/no-go decision': decisionOwner,
    'Business owner': business,
    'Technical owner': technical,
    'Wave owner': wave.owner,
    'Programme owner': programme.programme.owner,
    ...(w.supplier ? { Supplier: `${w.supplier.vendor} (${w.supplier.product})` } : {}),
    ...(config.extraCover ? { 'Extra cover arranged by': config.extraCover.arrangedBy } : {}),
  };

  const servers = resolved.replicatedServers;
  const groups = groupsOf(plan, w.id);
  const dmsDatabases = resolved.rdsDatabases.filter((d) => movedByDms(w, resolved, d));
  const nativeDatabases = resolved.rdsDatabases.filter((d) => d.migration.method !== 'dms');
  const domain = programme.programme.domain;
  const cutoverDay = localDate(interval.start, zone);

  // Before the window.
  const waveStart = wave.actual?.start ?? wave.planned.start;
  const preparation: PreparationStep[] = [];
  if (servers.length > 0 || resolved.rdsDatabases.length > 0) {
    const lines: string[] = [];
    for (const g of groups) {
      const mine = g.streams.filter((s) => s.workload.id === w.id);
      const longest = Math.max(
        ...mine.map((s) => (g.throttleMbps ? transferHours(s.gib, g.throttleMbps) : 0)),
      );
      lines.push(
        `${g.site.name}: ${mine.map((s) => `${s.name} (${s.gib} GiB)`).join(', ')} at ${g.throttleMbps ?? '?'} Mbps each (${g.peakStreams} transfers share the site's replication bandwidth at the busiest time): about ${Math.ceil(longest)} h for the longest.`,
      );
    }
    if (servers.length > 0 && resolved.account) {
      lines.push(
        `Install the AWS Replication Agent on ${servers.map((s) => s.hostname).join(', ')} against the private MGN endpoint; apply the ${wave.id} replication template of the site (stack ${migrationServicesStackName(prefix, resolved.account.name)}, tags wave=${wave.id}, site=${resolved.site?.name ?? '?'}).`,
      );
    }
    for (const d of dmsDatabases) {
      const vpc = resolved.vpc?.name ?? '?';
      lines.push(
        `DMS: the DBAs create the login dms_source on ${d.migration.sourceFqdn ?? (d.migration.sourceServer ? serverFqdn(d.migration.sourceServer, domain) : '?')} and dms_target on ${d.identifier} with the generated passwords (Secrets Manager), create database ${d.migration.sourceDatabase} and its schema on RDS${(d.db.extensions ?? []).length > 0 ? ` with CREATE EXTENSION ${(d.db.extensions ?? []).join(', ')}` : ''}, then start the ${d.db.name} task (stack ${databaseMigrationStackName(prefix, wave.id, vpc)}): full load, then change data capture with validation.`,
      );
    }
    for (const d of nativeDatabases) {
      lines.push(
        d.migration.method === 'sqlserver-native-backup'
          ? `${d.db.name}: ${migrationMethodLabel(d.migration.method)}. Take a full backup of ${d.migration.sourceDatabase}, copy it to S3 and restore it on ${d.identifier} WITH NORECOVERY (rds_restore_database); keep restoring log backups until the window.`
          : `${d.db.name}: ${migrationMethodLabel(d.migration.method)}. Rehearse the export of ${d.migration.sourceDatabase} and its import into ${d.identifier} (DATA_PUMP_DIR via S3) and time it.`,
      );
    }
    preparation.push({ by: waveStart, title: 'Start replication and database migration', actions: lines });
  }
  if (servers.length > 0) {
    preparation.push({
      by: addDays(cutoverDay, -7),
      title: 'Test launch',
      actions: [
        'Launch test instances in MGN; the post-launch actions (SSM agent, CloudWatch agent, hardening) run as they will at cutover.',
        `Run the smoke tests of ${w.testing?.plan ?? 'the test plan'} against them; record the business sign-off (testing.signOff).`,
      ],
    });
  }
  preparation.push(
    {
      by: addDays(cutoverDay, -2),
      title: 'Lower DNS time-to-live',
      actions: [
        'Set the TTL of every DNS record the switch changes to 300 seconds, so the change takes effect within the window.',
      ],
    },
    {
      by: addDays(cutoverDay, -1),
      title: 'Readiness',
      actions: [
        `lz ops cutover-readiness --wave ${wave.id} (the ${w.id} verdict): wave approved, test sign-off, DPIA, VPN sites up, RDS healthy and backed up.`,
        ...(servers.length > 0
          ? ['MGN: every server in continuous replication, lag under five minutes.']
          : []),
        ...(dmsDatabases.length > 0
          ? ['DMS: full load complete, change data capture latency under a minute, every table Validated.']
          : []),
      ],
    },
  );

  // The window.
  const smoke = STEP_MINUTES.smokeTests[w.criticality];
  const finalSyncMinutes = Math.max(
    servers.length + dmsDatabases.length > 0 ? STEP_MINUTES.finalSync : 0,
    ...nativeDatabases.map((d) => {
      if (d.migration.method === 'sqlserver-native-backup') {
        return STEP_MINUTES.nativeBackupFinal;
      }
      const share = groups.find((g) => g.streams.some((s) => s.database === d.db))?.shareMbps;
      const send = share ? Math.ceil(transferHours(d.db.sizeGiB, share) * 60) : 0;
      return send + Math.ceil(d.db.sizeGiB / 100) * STEP_MINUTES.dataPumpImportPer100GiB;
    }),
  );
  const plan_: { id: StepId; title: string; owner: string; minutes: number; actions: string[] }[] = [
    {
      id: 'pre-checks',
      title: 'Pre-checks',
      owner: technical,
      minutes: STEP_MINUTES.preChecks,
      actions: [
        `Re-run lz ops cutover-readiness --wave ${wave.id}: ${w.id} is go.`,
        ...(servers.length > 0 ? ['MGN replication lag under five minutes for every server.'] : []),
        ...(dmsDatabases.length > 0
          ? [
              `DMS validation state Validated for every table of ${dmsDatabases.map((d) => d.db.name).join(', ')}.`,
            ]
          : []),
      ],
    },
    {
      id: 'freeze',
      title: 'Freeze',
      owner: business,
      minutes: STEP_MINUTES.freeze,
      actions: [
        'Tell users the service is unavailable; stop scheduled jobs and the application services on premises.',
        'Confirm no session or job is still writing.',
      ],
    },
    {
      id: 'final-sync',
      title: 'Final synchronisation',
      owner: technical,
      minutes: finalSyncMinutes,
      actions: [
        ...(servers.length > 0 ? ['MGN: wait for zero lag, then mark the servers ready for cutover.'] : []),
        ...dmsDatabases.map(
          (d) =>
            `DMS ${d.db.name}: wait for change data capture latency 0 and validation complete; stop the task.`,
        ),
        ...nativeDatabases.map((d) =>
          d.migration.method === 'sqlserver-native-backup'
            ? `${d.db.name}: tail-log backup of ${d.migration.sourceDatabase}, copy to S3, restore on ${d.identifier} WITH RECOVERY.`
            : `${d.db.name}: Data Pump export of ${d.migration.sourceDatabase}, copy through S3, import into ${d.identifier}; compare row counts.`,
        ),
      ],
    },
    {
      id: 'launch',
      title: 'Launch cutover instances',
      owner: technical,
      minutes: servers.length > 0 ? STEP_MINUTES.launch : 0,
      actions: [
        `MGN: launch cutover instances for ${servers.map((s) => s.hostname).join(', ')}; wait for the post-launch actions (SSM agent, CloudWatch agent, hardening) to succeed.`,
      ],
    },
    {
      id: 'switch',
      title: 'DNS and connection strings',
      owner: technical,
      minutes: STEP_MINUTES.switchOver,
      actions: [
        'Point the DNS records of the service at the AWS instances or load balancer.',
        ...resolved.rdsDatabases.map(
          (d) =>
            `Change the connection strings of ${d.db.name} to the RDS endpoint of ${d.identifier} (TLS required).`,
        ),
      ],
    },
    {
      id: 'smoke-tests',
      title: 'Smoke tests',
      owner: business,
      minutes: smoke,
      actions: [`Run the smoke tests of ${w.testing?.plan ?? 'the test plan'}; record each result.`],
    },
    {
      id: 'go-no-go',
      title: 'Go/no-go decision',
      owner: decisionOwner,
      minutes: STEP_MINUTES.goNoGo,
      actions: [
        `Decide go or no-go on the smoke-test results. No-go if: ${w.rollback?.trigger ?? 'the smoke tests fail'}.`,
        `After go, the point of no return: ${w.rollback?.pointOfNoReturn ?? 'the first write to the AWS system'}.`,
      ],
    },
    {
      id: 'finalise',
      title: 'Finalise',
      owner: technical,
      minutes: STEP_MINUTES.finalise,
      actions: [
        ...(servers.length > 0
          ? ['MGN: finalise the cutover (replication stops; source servers stay, switched off).']
          : []),
        'Open the service to users; tell the service desk; record the result below.',
      ],
    },
  ];
  const support = programme.supportHours;
  const cover = (start: number, end: number): RunbookStep['cover'] =>
    minutesOutsideSupport({ start, end }, programme.programme.timeZone, support) === 0
      ? 'rota'
      : config.extraCover
        ? 'extra-cover'
        : 'uncovered';
  const steps: RunbookStep[] = [];
  let t = interval.start;
  for (const p of plan_) {
    if (p.minutes === 0) {
      continue;
    }
    const end = t + p.minutes * MINUTE;
    steps.push({
      id: p.id,
      title: p.title,
      owner: p.owner,
      start: t,
      end,
      actions: p.actions,
      cover: cover(t, end),
    });
    t = end;
  }
  const decision = steps.find((s) => s.id === 'go-no-go')?.end ?? t;
  const freeze = steps.find((s) => s.id === 'freeze')?.start ?? interval.start;
  const rollbackMinutes = w.rollback?.rollbackMinutes ?? 0;
  const latest = interval.end - rollbackMinutes * MINUTE;
  const rollbackEnd = decision + rollbackMinutes * MINUTE;
  const finished = steps[steps.length - 1]?.end ?? interval.start;
  const rto = w.recovery.rtoMinutes;
  const ifGo = Math.round((finished - freeze) / MINUTE);
  const ifRollback = Math.round((rollbackEnd - freeze) / MINUTE);

  const findings: RunbookFinding[] = [];
  if (finished > interval.end) {
    findings.push({
      message: `the steps end at ${formatLocal(finished, zone)}, after the window closes at ${formatLocal(interval.end, zone)}`,
    });
  }
  if (decision > latest) {
    findings.push({
      message: `the go/no-go decision at ${hhmm(decision, zone)} is later than ${hhmm(latest, zone)}, the last moment a ${rollbackMinutes}-minute rollback still ends inside the window (${hhmm(interval.end, zone)})`,
    });
  }
  if (ifRollback > rto) {
    findings.push({
      message: `a rollback after the go/no-go leaves users without the service for ${ifRollback} minutes (freeze at ${hhmm(freeze, zone)} to ${hhmm(rollbackEnd, zone)}), more than the RTO of ${rto}`,
    });
  }
  if (ifGo > rto) {
    findings.push({
      message: `the cutover takes the service away for ${ifGo} minutes (freeze to finalise), more than the RTO of ${rto}`,
    });
  }
  for (const s of steps.filter((x) => x.cover === 'uncovered')) {
    findings.push({
      message: `${s.title} (${hhmm(s.start, zone)}-${hhmm(s.end, zone)}) is outside the rota's hours and the window declares no extra cover`,
    });
  }
  if (!w.rollback) {
    findings.push({ message: 'there is no rollback plan (rollback) to time' });
  }

  return {
    workload: resolved,
    zone,
    window: {
      start: interval.start,
      end: interval.end,
      ...(config.extraCover
        ? { extraCover: `${config.extraCover.arrangedBy}: ${config.extraCover.reason}` }
        : {}),
    },
    roles,
    preparation,
    steps,
    goNoGo: { owner: decisionOwner, at: decision, latest },
    pointOfNoReturn: w.rollback?.pointOfNoReturn ?? 'not recorded',
    rollback: {
      trigger: w.rollback?.trigger ?? 'not recorded',
      minutes: rollbackMinutes,
      endsAt: rollbackEnd,
      actions: [
        'Stop the AWS application services; keep the AWS databases for investigation (do not delete).',
        'Point DNS records and connection strings back at the on-premises servers.',
        ...(servers.length > 0
          ? ['MGN: keep replicating (do not finalise); terminate the cutover instances.']
          : []),
        ...(dmsDatabases.length > 0
          ? ['DMS: leave the tasks stopped; the source kept every change since the freeze.']
          : []),
        'Restart the on-premises services and jobs; lift the freeze; tell users and the service desk.',
      ],
    },
    outage: { ifGoMinutes: ifGo, ifRollbackMinutes: ifRollback, rtoMinutes: rto },
    findings,
  };
}

/** The next wave on a date: the first not complete whose cutover windows have not all closed. */
export function nextWave(plan: MigrationPlan, asOf: string): string | undefined {
  const day = Date.parse(`${asOf}T00:00:00Z`);
  return plan.waves.find((wave) => {
    if (wave.wave.status === 'complete') {
      return false;
    }
    return wave.workloads.some((w) => {
      const i = windowInterval(w.cutoverWindow ?? wave.wave.cutoverWindow);
      return i !== undefined && i.end >= day - DAY_MS;
    });
  })?.wave.id;
}

/** The engine label of a wave database, for the runbook's database table. */
export function engineLabel(engine: Parameters<typeof waveEngine>[0]): string {
  const mapping = waveEngine(engine);
  return 'unsupported' in mapping ? engine : engineDefinition(mapping.engine).label;
}
