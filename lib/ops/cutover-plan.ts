import type { LandingZoneConfig } from '../config/schema';
import { onPremisesSource } from '../config/on-premises-sources';
import { cidr, overlaps } from '../ipv4';
import type { WavePlan } from '../waves/load';
import type { WaveHeaderConfig, WorkloadConfig } from '../waves/schema';
import { plannedDatabases, type PlannedDatabase } from './db-health';

/**
 * Why a workload may not cut over (no-go), may with a risk someone should accept (warning), or
 * cannot be decided because something it depends on could not be read (unread).
 */
export interface Reason {
  readonly severity: 'no-go' | 'warning' | 'unread';
  /** Which check: approval, sign-off, dpia, database, backup, vpn, or unread (a failed AWS call). */
  readonly check: 'approval' | 'sign-off' | 'dpia' | 'database' | 'backup' | 'vpn' | 'unread';
  readonly message: string;
}

/** A VPN site a workload needs, and how badly: hard (it fails without) or soft (degraded). */
export interface SiteNeed {
  readonly site: string;
  readonly need: 'hard' | 'soft';
  /** What makes it needed, e.g. `dependency active-directory via data-centre-dmz`. */
  readonly because: string;
}

/** What a cutover check reads for one workload, derived from the wave file and the configuration. */
export interface WorkloadNeeds {
  readonly workload: string;
  /** RDS databases of the workload that the landing zone builds (lib/data/planned-databases.ts). */
  readonly databases: readonly PlannedDatabase[];
  readonly sites: readonly SiteNeed[];
  /** Problems visible without AWS: approval, sign-off, DPIA, a database or range the config lacks. */
  readonly offline: readonly Reason[];
}

const NEED_RANK = { hard: 2, soft: 1 } as const;

/** Council sites whose LAN ranges overlap an on-premises range (or named network of one) of the configuration. */
function sitesForRange(config: LandingZoneConfig, rangeName: string): string[] | undefined {
  const range = onPremisesSource(config.network.onPremisesRanges, rangeName);
  if (range === undefined) return undefined;
  const block = cidr(range.cidr);
  return (config.connectivity?.sites ?? [])
    .filter((s) => s.lanRanges.some((lan) => overlaps(cidr(lan), block)))
    .map((s) => s.name);
}

/**
 * The checks of one workload that need only the plan: the wave approved, the business test sign-off
 * (a production workload cannot go without one; a non-production one can, with a warning), the DPIA
 * approved when personal data moves, every RDS database known to the landing zone, and every
 * on-premises range it uses reached by a VPN site.
 */
export function workloadNeeds(
  config: LandingZoneConfig,
  wave: WaveHeaderConfig,
  workload: WorkloadConfig,
  /** The whole migration plan: its workloads' RDS databases are built by the landing zone too. */
  plan?: WavePlan,
): WorkloadNeeds {
  const offline: Reason[] = [];
  if (wave.approval === undefined) {
    offline.push({
      severity: 'no-go',
      check: 'approval',
      message: `wave ${wave.id} has no approval recorded (wave.approval)`,
    });
  }
  if (wave.status === 'on-hold') {
    offline.push({ severity: 'no-go', check: 'approval', message: `wave ${wave.id} is on hold` });
  }
  if (workload.testing?.signOff === undefined) {
    offline.push({
      severity: workload.environment === 'production' ? 'no-go' : 'warning',
      check: 'sign-off',
      message:
        workload.testing === undefined
          ? 'no test plan or business sign-off recorded (testing.signOff)'
          : `test plan ${workload.testing.plan} has no business sign-off recorded (testing.signOff)`,
    });
  }
  const dp = workload.dataProtection;
  if (dp.personalData || dp.specialCategoryData) {
    if (dp.dpia === undefined) {
      offline.push({
        severity: 'no-go',
        check: 'dpia',
        message: 'moves personal data but has no DPIA recorded',
      });
    } else if (dp.dpia.status !== 'approved') {
      offline.push({
        severity: 'no-go',
        check: 'dpia',
        message: `DPIA ${dp.dpia.reference} is ${dp.dpia.status}, not approved`,
      });
    } else if (dp.dpia.approvedOn === undefined) {
      offline.push({
        severity: 'warning',
        check: 'dpia',
        message: `DPIA ${dp.dpia.reference} is approved but has no approvedOn date`,
      });
    }
  }

  const planned = plannedDatabases(config, plan);
  const databases: PlannedDatabase[] = [];
  for (const db of workload.databases) {
    // Only RDS databases are built by the landing zone; ec2 ones move with their server.
    if (db.target !== 'rds') continue;
    const match = planned.find((p) => p.workload === workload.id && p.name === db.name);
    if (match === undefined) {
      offline.push({
        severity: 'no-go',
        check: 'database',
        message: `RDS database ${db.name} of workload ${workload.id} is not among the databases the landing zone builds (its workload builds no target, or it is not declared), so there is no instance to cut over to`,
      });
    } else {
      databases.push(match);
    }
  }

  const needs = new Map<string, SiteNeed>();
  const addRange = (range: string, need: 'hard' | 'soft', because: string): void => {
    const sites = sitesForRange(config, range);
    if (sites === undefined || sites.length === 0) {
      offline.push({
        severity: need === 'hard' ? 'no-go' : 'warning',
        check: 'vpn',
        message: `${because}: no VPN site's LAN ranges cover the on-premises range ${range}`,
      });
      return;
    }
    for (const site of sites) {
      const previous = needs.get(site);
      if (previous === undefined || NEED_RANK[need] > NEED_RANK[previous.need]) {
        needs.set(site, { site, need, because });
      }
    }
  };
  for (const dep of workload.dependencies) {
    if (dep.reachableVia === undefined) continue;
    addRange(dep.reachableVia, dep.type, `dependency ${dep.workload} via ${dep.reachableVia}`);
  }
  // Users reach the app from these sites: without their VPN, the service is unusable for them.
  for (const access of workload.access) {
    for (const range of access.from) addRange(range, 'hard', `users from ${range} (port ${access.port})`);
  }
  return {
    workload: workload.id,
    databases,
    sites: [...needs.values()].sort((a, b) => a.site.localeCompare(b.site)),
    offline,
  };
}
