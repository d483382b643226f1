import type { MigrationPlan } from '../waves/migration-plan';
import type { ServerConfig, Strategy, WorkloadConfig, WorkloadState } from '../waves/schema';
import { addDays } from '../waves/time';

/*
 * The servers that AWS Application Migration Service launches are not in any template, so the
 * estimate prices them from the wave files: one EC2 instance (by platform) and its gp3 disk each.
 */

/** Strategies whose servers MGN launches as EC2 instances. refactor rebuilds, repurchase is SaaS. */
export const SERVER_STRATEGIES: readonly Strategy[] = ['rehost', 'replatform', 'relocate'];

/** The pseudo-stack server lines are reported under: they are launched by MGN, not by CloudFormation. */
export const SERVERS_STACK = 'servers launched by Application Migration Service';

/** One migrating server, as the estimate prices it. */
export interface ServerCostInput {
  readonly hostname: string;
  readonly workload: string;
  readonly wave: string;
  readonly account: string;
  readonly platform: ServerConfig['platform'];
  /**
   * A Windows database server whose SQL Server database moves with it (target ec2) with its licence
   * included: the hourly rate carries that edition's licence.
   */
  readonly sqlLicence?: SqlLicence;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly diskGiB: number;
  readonly targetInstanceType?: string;
  /** The workload's backup tier: its backups are priced as storage. */
  readonly backupTier?: string;
  /** MGN charges this server from this date (replicating past its free 90 days), as of the estimate. */
  readonly mgnBillable?: string;
}

export type SqlLicence = 'standard' | 'enterprise' | 'web';

/** Wave-file SQL Server engines whose licence, included, is charged in the EC2 rate (Express is free). */
const SQL_LICENCES: Readonly<Record<string, SqlLicence>> = {
  'sqlserver-se': 'standard',
  'sqlserver-ee': 'enterprise',
  'sqlserver-web': 'web',
};

/** The SQL Server licence a database server's hourly rate carries, if any: the highest edition it hosts. */
export function sqlLicenceOf(workload: WorkloadConfig, server: ServerConfig): SqlLicence | undefined {
  if (server.tier !== 'db' || server.platform !== 'windows') {
    return undefined;
  }
  const editions = workload.databases
    .filter((d) => d.target === 'ec2' && d.licence === 'licence-included')
    .map((d) => SQL_LICENCES[d.engine])
    .filter((e): e is SqlLicence => e !== undefined);
  return (['enterprise', 'standard', 'web'] as const).find((e) => editions.includes(e));
}

/** States in which MGN replicates a server (agent installed, not yet cut over). */
const REPLICATING: readonly WorkloadState[] = [
  'ready-for-test',
  'testing',
  'ready-for-cutover',
  'cutting-over',
];
/** Application Migration Service is free for the first 90 days of each server's replication. */
export const MGN_FREE_DAYS = 90;

/** The day MGN starts charging for a workload's servers, when that is on or before `asOf`. */
export function mgnBillableSince(workload: WorkloadConfig, asOf: string): string | undefined {
  if (!REPLICATING.includes(workload.status)) {
    return undefined;
  }
  const started = workload.statusHistory.find((h) => REPLICATING.includes(h.state))?.on;
  if (started === undefined) {
    return undefined;
  }
  const billable = addDays(started, MGN_FREE_DAYS);
  return billable <= asOf ? billable : undefined;
}

/**
 * Instance types a server without `targetInstanceType` is sized to: the first that has at least its
 * vCPUs and memory. General purpose (4 GiB per vCPU) before memory optimised (8 GiB per vCPU), the
 * same current Intel families the wave files name, so Windows and licence-bound software keep x86.
 * This is the one place the size-to-type rule lives; docs/cost.md describes it.
 */
export const SIZE_LADDER: readonly {
  readonly type: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
}[] = [
  { type: 'm6i.large', vcpus: 2, memoryGiB: 8 },
  { type: 'r6i.large', vcpus: 2, memoryGiB: 16 },
  { type: 'm6i.xlarge', vcpus: 4, memoryGiB: 16 },
  { type: 'r6i.xlarge', vcpus: 4, memoryGiB: 32 },
  { type: 'm6i.2xlarge', vcpus: 8, memoryGiB: 32 },
  { type: 'r6i.2xlarge', vcpus: 8, memoryGiB: 64 },
  { type: 'm6i.4xlarge', vcpus: 16, memoryGiB: 64 },
  { type: 'r6i.4xlarge', vcpus: 16, memoryGiB: 128 },
];

/** The instance type a server runs as: its explicit `targetInstanceType`, else the size ladder. */
export function instanceTypeFor(
  server: Pick<ServerCostInput, 'vcpus' | 'memoryGiB' | 'targetInstanceType'>,
): { type: string; sizedFrom: 'wave file' | 'size' } | undefined {
  if (server.targetInstanceType !== undefined) {
    return { type: server.targetInstanceType, sizedFrom: 'wave file' };
  }
  const fit = SIZE_LADDER.find((s) => s.vcpus >= server.vcpus && s.memoryGiB >= server.memoryGiB);
  return fit ? { type: fit.type, sizedFrom: 'size' } : undefined;
}

/**
 * A database server is not launched when every database of its workload moves off it (to RDS, to the
 * supplier, or is retired): the RDS instance is priced from the templates instead.
 */
function launched(workload: WorkloadConfig, server: ServerConfig): boolean {
  if (server.tier !== 'db' || workload.databases.length === 0) {
    return true;
  }
  return workload.databases.some((d) => d.target === 'ec2');
}

/** Every server of the plan that MGN will launch in AWS, with the account id it lands in. */
/** The servers MGN launches; `asOf` (for pricing) decides which are past MGN's free period. */
export function migratingServers(plan: MigrationPlan, asOf?: string): ServerCostInput[] {
  return plan.workloads
    .filter(({ workload: w }) => SERVER_STRATEGIES.includes(w.strategy) && w.target !== undefined)
    .flatMap(({ workload: w, wave, account, backupTier }) =>
      w.servers
        .filter((s) => launched(w, s))
        .map((s) => ({
          hostname: s.hostname,
          workload: w.id,
          wave: wave.id,
          account: account?.id ?? 'unknown-account',
          platform: s.platform,
          vcpus: s.vcpus,
          memoryGiB: s.memoryGiB,
          diskGiB: s.diskGiB,
          ...(s.targetInstanceType !== undefined ? { targetInstanceType: s.targetInstanceType } : {}),
          ...(backupTier === undefined ? {} : { backupTier: backupTier.name }),
          ...optional('sqlLicence', sqlLicenceOf(w, s)),
          ...(asOf === undefined ? {} : optional('mgnBillable', mgnBillableSince(w, asOf))),
        })),
    );
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
