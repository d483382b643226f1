import type { SiteConfig } from '../config/schema-connectivity';
import type { AccountConfig, VpcConfig } from '../config/schema';
import { isCutOver, type WaveRdsDatabase, type WorkloadTarget } from './resolve';
import type { WaveHeaderConfig, WorkloadConfig } from './schema';

/*
 * The AWS DMS side of the plan, worked out once: which databases DMS moves, grouped by account, VPC
 * and wave, and the replication instance each group shares. A database is moved by DMS when its
 * target is rds, its method is dms (the default where DMS can capture the edition's changes), its
 * workload has not cut over yet, and nothing stops it (the rules report what does).
 *
 * One replication instance per account, VPC and wave, not per database: DMS allows 60 replication
 * instances per account and region by default, and a thousand-workload plan has hundreds of RDS
 * databases still to move. The instance exists while its wave has databases to move; once they
 * have cut over, the group and its resources go.
 */

/** DMS quotas per account and region (AWS DMS User Guide, "Quotas for AWS Database Migration Service"). */
export const DMS_QUOTAS = {
  replicationInstances: 60,
  replicationSubnetGroups: 60,
  endpoints: 1000,
  tasks: 600,
  tasksPerInstance: 200,
  endpointsPerInstance: 100,
} as const;

export interface DmsTask {
  readonly workload: WorkloadConfig;
  readonly database: WaveRdsDatabase;
  readonly site: SiteConfig;
  /** The DMS endpoint EngineName. */
  readonly engineName: string;
}

export interface DmsGroup {
  /** `<account>/<vpc>/<wave>`. */
  readonly key: string;
  readonly account: AccountConfig;
  readonly vpc: VpcConfig;
  /** The VPC's isolated tier, where the replication instance goes. */
  readonly subnetTier: string;
  readonly wave: WaveHeaderConfig;
  readonly production: boolean;
  readonly tasks: readonly DmsTask[];
  /** Sized from the data the group moves and how many tasks share it. */
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
}

export interface DmsItem {
  readonly workload: WorkloadConfig;
  readonly wave?: WaveHeaderConfig;
  readonly target: WorkloadTarget;
}

/** Replication instance classes, smallest first, with the data and parallel tasks each is sized for. */
const INSTANCE_BANDS: readonly {
  readonly upToGiB: number;
  readonly upToTasks: number;
  readonly instanceClass: string;
}[] = [
  { upToGiB: 500, upToTasks: 4, instanceClass: 'dms.r5.large' },
  { upToGiB: 2000, upToTasks: 8, instanceClass: 'dms.r5.xlarge' },
  { upToGiB: 8000, upToTasks: 16, instanceClass: 'dms.r5.2xlarge' },
  { upToGiB: Number.POSITIVE_INFINITY, upToTasks: Number.POSITIVE_INFINITY, instanceClass: 'dms.r5.4xlarge' },
];

/**
 * The replication instance class for a group: the smallest memory-optimised class whose band holds
 * both the data (GiB, summed) and the number of tasks running in parallel during the full load; a
 * non-production group of at most 100 GiB and two tasks gets a burstable dms.t3.medium.
 */
export function dmsInstanceClass(totalGiB: number, tasks: number, production: boolean): string {
  if (!production && totalGiB <= 100 && tasks <= 2) {
    return 'dms.t3.medium';
  }
  const band = INSTANCE_BANDS.find((b) => totalGiB <= b.upToGiB && tasks <= b.upToTasks);
  return (band ?? INSTANCE_BANDS[INSTANCE_BANDS.length - 1])?.instanceClass ?? 'dms.r5.4xlarge';
}

/** Storage of the replication instance: logs and changes cached while a target catches up, 50 GiB plus 25 per task. */
export function dmsAllocatedStorage(tasks: number): number {
  return Math.min(6144, 50 + 25 * tasks);
}

/** Whether DMS moves this database now (see the module comment). */
export function movedByDms(
  workload: WorkloadConfig,
  target: WorkloadTarget,
  database: WaveRdsDatabase,
): boolean {
  return (
    target.builds &&
    !isCutOver(workload) &&
    database.spec !== undefined &&
    database.problems.length === 0 &&
    database.migration.method === 'dms' &&
    database.migration.dmsEngineName !== undefined &&
    database.migration.problems.length === 0
  );
}

/** The DMS groups of the plan, in a stable order (account, VPC, wave). */
export function dmsGroups(items: readonly DmsItem[]): DmsGroup[] {
  const groups = new Map<
    string,
    {
      account: AccountConfig;
      vpc: VpcConfig;
      subnetTier: string;
      wave: WaveHeaderConfig;
      production: boolean;
      tasks: DmsTask[];
    }
  >();
  for (const { workload, wave, target } of items) {
    const { account, vpc, site, isolatedTier } = target;
    if (!wave || !account || !vpc || !site || isolatedTier === undefined) {
      continue;
    }
    for (const database of target.rdsDatabases) {
      const engineName = database.migration.dmsEngineName;
      if (!movedByDms(workload, target, database) || engineName === undefined) {
        continue;
      }
      const key = `${account.name}/${vpc.name}/${wave.id}`;
      const group = groups.get(key) ?? {
        account,
        vpc,
        subnetTier: isolatedTier,
        wave,
        production: target.production,
        tasks: [],
      };
      group.tasks.push({ workload, database, site, engineName });
      groups.set(key, group);
    }
  }
  return [...groups.keys()].sort().flatMap((key) => {
    const g = groups.get(key);
    if (!g) {
      return [];
    }
    const totalGiB = g.tasks.reduce((n, t) => n + t.database.db.sizeGiB, 0);
    return [
      {
        key,
        ...g,
        instanceClass: dmsInstanceClass(totalGiB, g.tasks.length, g.production),
        allocatedStorageGiB: dmsAllocatedStorage(g.tasks.length),
      },
    ];
  });
}
