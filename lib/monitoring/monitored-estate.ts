import { workloadVaultName } from '../backup/vault-names';
import type { AccountConfig, LandingZoneConfig } from '../config/schema';
import { partitionOf } from '../config/partition';
import { migratingServers } from '../cost/servers';
import { engineDefinition } from '../data/engines';
import { instanceClassMemoryGiB } from '../data/instance-classes';
import type { PlannedRdsDatabase } from '../data/planned-databases';
import { LANDING_ZONE_WAVE } from '../names';
import { plannedRdsDatabases, type MigrationPlan, type ResolvedWorkload } from '../waves/migration-plan';
import type { WorkloadState } from '../waves/schema';
import type { AlarmOwnership } from './runbooks';
import {
  highestCriticality,
  SERVICE_LEVELS,
  type Criticality,
  type Rota,
  type ServiceLevel,
} from './service-levels';

/*
 * What the landing zone monitors, resolved once from the configuration and the migration plan: every
 * service (a workload with its databases and the servers MGN launches for it, or a database of
 * dataProtection.databases that no workload owns), its criticality and service level, owners and
 * on-premises cost; the VPN sites, the backup vaults and plans, and the rota. The monitoring stacks
 * build alarms and dashboards from it, and `lz ops service-report` reads the same model, so what is
 * alarmed and what is reported cannot drift apart.
 */

export interface MonitoredDatabase {
  readonly name: string;
  /** The RDS instance identifier: the DBInstanceIdentifier dimension of its metrics. */
  readonly identifier: string;
  readonly engine: PlannedRdsDatabase['engine'];
  readonly instanceClass: string;
  readonly classMemoryGiB: number;
  /** The engine's default connection limit for the class (lib/data/engines, maxConnections). */
  readonly connectionLimit: number;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB?: number;
  readonly backupTier: string;
  readonly rpoMinutes: number;
  /** Whether it has read replicas (none are planned yet; ReplicaLag is alarmed only where there are). */
  readonly readReplicas: boolean;
}

export interface MonitoredServer {
  readonly hostname: string;
  readonly platform: 'windows' | 'linux';
  /**
   * Whether the server already runs in AWS as the live service (its workload is cutting over or has
   * cut over): only then is a silent CloudWatch agent an outage rather than a server not yet launched.
   */
  readonly live: boolean;
}

export interface MonitoredService {
  /** The workload id, or for a database no workload owns, the `workload` it names. */
  readonly id: string;
  readonly name: string;
  readonly serviceArea: string;
  readonly account: string;
  readonly accountId: string;
  readonly production: boolean;
  readonly criticality: Criticality;
  readonly level: ServiceLevel;
  /** Accountable owner (a role) and technical owner, as the workload's tags carry them. */
  readonly owner: string;
  readonly technicalOwner: string;
  readonly wave: string;
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
  /** Monthly on-premises run cost today (the wave file's cost.currentMonthlyGbp). */
  readonly onPremisesMonthlyGbp?: number;
  /** The target VPC (wave workloads). */
  readonly vpc?: string;
  /** The day (YYYY-MM-DD) its status history first shows it running in AWS, if it does yet. */
  readonly liveSince?: string;
  readonly databases: readonly MonitoredDatabase[];
  readonly servers: readonly MonitoredServer[];
  readonly source: 'wave' | 'config';
}

export interface MonitoredSite {
  readonly name: string;
  readonly description: string;
  readonly routing: 'bgp' | 'static';
  readonly devices: readonly { readonly name: string; readonly publicIp: string }[];
}

export interface MonitoredVault {
  readonly account: string;
  readonly accountId: string;
  readonly name: string;
  /** The tier plans that write into it: `<prefix>-<tier>`. */
  readonly plans: readonly { readonly tier: string; readonly planName: string }[];
}

export interface MonitoredEstate {
  readonly prefix: string;
  readonly organisationName: string;
  readonly organisationOwner: string;
  readonly region: string;
  readonly partition: string;
  readonly services: readonly MonitoredService[];
  readonly serviceAreas: readonly { readonly id: string; readonly name: string }[];
  /** The support rota; undefined without a migration plan (no escalation schedule is built). */
  readonly rota?: Rota;
  readonly sites: readonly MonitoredSite[];
  readonly vaults: readonly MonitoredVault[];
  /** The network account, and each account that holds a monitored service or vault. */
  readonly alertAccounts: readonly AccountConfig[];
  readonly networkAccount: AccountConfig;
  /** Per VPC the most critical service it carries (its Transit Gateway attachment alarms follow it). */
  readonly vpcCriticality: Readonly<Record<string, Criticality>>;
  /** The most critical production service: central egress (the NAT gateways) follows it. */
  readonly egressCriticality: Criticality;
}

/** The service area of the databases that no workload of the plan owns. */
export const SHARED_AREA = { id: LANDING_ZONE_WAVE, name: 'Landing zone (shared databases)' } as const;

/** Workload states in which the service runs in AWS. */
const LIVE_STATES: readonly WorkloadState[] = ['cutting-over', 'cutover', 'disconnected', 'complete'];

function database(planned: PlannedRdsDatabase): MonitoredDatabase {
  const memory = instanceClassMemoryGiB(planned.instanceClass);
  if (memory === undefined) {
    throw new Error(
      `database ${planned.identifier}: the memory of ${planned.instanceClass} is not known: add its family to lib/data/instance-classes.ts so its connection limit and memory alarm can be derived`,
    );
  }
  return {
    name: planned.name,
    identifier: planned.identifier,
    engine: planned.engine,
    instanceClass: planned.instanceClass,
    classMemoryGiB: memory,
    connectionLimit: engineDefinition(planned.engine).maxConnections.of(memory * 1024 ** 3),
    allocatedStorageGiB: planned.allocatedStorageGiB,
    ...(planned.maxAllocatedStorageGiB === undefined
      ? {}
      : { maxAllocatedStorageGiB: planned.maxAllocatedStorageGiB }),
    backupTier: planned.tier,
    rpoMinutes: planned.rpoMinutes,
    readReplicas: false,
  };
}

function waveService(
  resolved: ResolvedWorkload,
  account: AccountConfig,
  servers: readonly MonitoredServer[],
): MonitoredService {
  const { workload } = resolved;
  const live = workload.statusHistory.find((h) => LIVE_STATES.includes(h.state));
  return {
    id: workload.id,
    name: workload.name,
    serviceArea: workload.serviceArea,
    account: account.name,
    accountId: account.id,
    production: resolved.production,
    criticality: workload.criticality,
    level: SERVICE_LEVELS[workload.criticality],
    owner: workload.owners.business ?? 'unassigned',
    technicalOwner: workload.owners.technical ?? 'unassigned',
    wave: resolved.wave.id,
    rpoMinutes: workload.recovery.rpoMinutes,
    rtoMinutes: workload.recovery.rtoMinutes,
    onPremisesMonthlyGbp: workload.cost.currentMonthlyGbp,
    ...(resolved.vpc === undefined ? {} : { vpc: resolved.vpc.name }),
    ...(live === undefined ? {} : { liveSince: live.on }),
    databases: resolved.databases.map(database),
    servers,
    source: 'wave',
  };
}

/** The monitored estate of a validated configuration and (optionally) its validated plan. */
export function monitoredEstate(config: LandingZoneConfig, plan?: MigrationPlan): MonitoredEstate {
  const prefix = config.organisation.shortName;
  const accountByName = new Map(config.accounts.map((a) => [a.name, a]));
  const networkAccount = config.accounts.find((a) => a.role === 'network');
  if (networkAccount === undefined) {
    throw new Error('no network account (the configuration should have been validated)');
  }

  const serversByWorkload = new Map<string, MonitoredServer[]>();
  for (const server of plan ? migratingServers(plan) : []) {
    const list = serversByWorkload.get(server.workload) ?? [];
    const state = plan?.byId.get(server.workload)?.workload.status;
    list.push({
      hostname: server.hostname,
      platform: server.platform,
      live: state !== undefined && LIVE_STATES.includes(state),
    });
    serversByWorkload.set(server.workload, list);
  }

  const services: MonitoredService[] = [];
  for (const resolved of plan?.workloads ?? []) {
    const account = resolved.account;
    if (!resolved.builds || account === undefined) {
      continue;
    }
    services.push(waveService(resolved, account, serversByWorkload.get(resolved.workload.id) ?? []));
  }
  const known = new Set(services.map((s) => s.id));
  for (const planned of plannedRdsDatabases(config, plan).filter((d) => d.source === 'config')) {
    const account = accountByName.get(planned.account);
    if (account === undefined || known.has(planned.workload)) {
      continue;
    }
    const existing = services.find((s) => s.id === planned.workload && s.source === 'config');
    if (existing) {
      (existing.databases as MonitoredDatabase[]).push(database(planned));
      continue;
    }
    const criticality: Criticality = planned.production ? 'high' : 'low';
    services.push({
      id: planned.workload,
      name: `${planned.workload} (dataProtection.databases)`,
      serviceArea: SHARED_AREA.id,
      account: account.name,
      accountId: account.id,
      production: planned.production,
      criticality,
      level: SERVICE_LEVELS[criticality],
      owner: config.organisation.owner,
      technicalOwner: config.organisation.owner,
      wave: LANDING_ZONE_WAVE,
      rpoMinutes: planned.rpoMinutes,
      rtoMinutes: planned.rtoMinutes,
      databases: [database(planned)],
      servers: [],
      source: 'config',
    });
  }

  const areaNames = new Map<string, string>(plan?.programme.serviceAreas.map((a) => [a.id, a.name]) ?? []);
  areaNames.set(SHARED_AREA.id, SHARED_AREA.name);
  const usedAreas = [...new Set(services.map((s) => s.serviceArea))].sort();

  const dp = config.dataProtection;
  const vaults: MonitoredVault[] =
    dp === undefined
      ? []
      : config.accounts
          .filter((a) => a.role === 'production' || a.role === 'non-production')
          .map((a) => ({
            account: a.name,
            accountId: a.id,
            name: workloadVaultName(prefix, a.name),
            plans: dp.tiers.map((t) => ({ tier: t.name, planName: `${prefix}-${t.name}` })),
          }));

  const alertAccountIds = new Set([
    networkAccount.id,
    ...services.map((s) => s.accountId),
    ...vaults.map((v) => v.accountId),
  ]);

  const vpcCriticality: Record<string, Criticality> = {};
  for (const vpc of config.network.vpcs) {
    const carried = services.filter((s) => s.vpc === vpc.name).map((s) => s.criticality);
    vpcCriticality[vpc.name] = highestCriticality(carried);
  }

  const programme = plan?.programme;
  return {
    prefix,
    organisationName: config.organisation.name,
    organisationOwner: config.organisation.owner,
    region: config.organisation.homeRegion,
    partition: partitionOf(config.organisation.homeRegion),
    services,
    serviceAreas: usedAreas.map((id) => ({ id, name: areaNames.get(id) ?? id })),
    ...(programme === undefined
      ? {}
      : { rota: { ...programme.supportHours, timeZone: programme.programme.timeZone } }),
    sites: (config.connectivity?.sites ?? []).map((s) => ({
      name: s.name,
      description: s.description,
      routing: s.routing.type,
      devices: s.customerGateways.map((g) => ({ name: g.name, publicIp: g.publicIp })),
    })),
    vaults,
    alertAccounts: config.accounts.filter((a) => alertAccountIds.has(a.id)),
    networkAccount,
    vpcCriticality,
    egressCriticality: highestCriticality(services.filter((s) => s.production).map((s) => s.criticality)),
  };
}

/** Every account id of the estate with its name, for messages. */
export function accountNameOf(estate: MonitoredEstate, accountId: string): string {
  return estate.alertAccounts.find((a) => a.id === accountId)?.name ?? accountId;
}

/**
 * Address of docs/operations.md for the alarms' runbook links: monitoring.runbookUrl, else the file on
 * GitHub from delivery.repository and delivery.branch, else its path in the repository.
 */
export function runbookBaseUrl(config: LandingZoneConfig): string {
  if (config.monitoring?.runbookUrl !== undefined) {
    return config.monitoring.runbookUrl;
  }
  const delivery = config.delivery;
  return delivery === undefined
    ? 'docs/operations.md'
    : `https://github.com/${delivery.repository}/blob/${delivery.branch}/docs/operations.md`;
}

/** The ownership an alarm of a service names. */
export function serviceOwnership(service: MonitoredService, runbookUrl: string): AlarmOwnership {
  return {
    workload: service.id,
    workloadName: service.name,
    criticality: service.criticality,
    owner: service.owner,
    technicalOwner: service.technicalOwner,
    runbookBaseUrl: runbookUrl,
  };
}

/** The ownership of shared infrastructure (network, backups): the landing zone's owner. */
export function sharedOwnership(
  estate: MonitoredEstate,
  what: string,
  criticality: Criticality,
  runbookUrl: string,
): AlarmOwnership {
  return {
    workload: what,
    workloadName: `${estate.organisationName} shared ${what}`,
    criticality,
    owner: estate.organisationOwner,
    technicalOwner: estate.organisationOwner,
    runbookBaseUrl: runbookUrl,
  };
}
