import type { SiteConfig } from '../config/schema-connectivity';
import { isCutOver, type WorkloadTarget } from './resolve';
import type { DatabaseConfig, ServerConfig, WaveHeaderConfig, WorkloadConfig } from './schema';
import { localDayStart } from './time';

/*
 * Server replication (AWS MGN) and database transfer over the council sites' VPNs, worked out once
 * for the whole plan: which servers and databases each site sends in each wave, when, and at what
 * rate. The bandwidth rule checks it, the replication templates take their throttle from it, and
 * the runbooks quote it.
 *
 * The model: every server MGN replicates and every database that moves into RDS (by DMS or a native
 * backup) is one stream from its workload's site, from the start of its wave (actual, else planned)
 * until its cutover window opens. A site gives replication `bandwidthSharePercent` of its
 * `bandwidthMbps`, shared equally by the streams running at the same time (across waves, at the
 * peak of the group's window). Each stream must send all its data (a server's disks, a database's
 * size) at that rate before its cutover window opens. Only workloads that have not cut over count.
 */

/** Bits in a GiB, over 10^6: megabits per GiB. */
const MEGABITS_PER_GIB = (8 * 1024 ** 3) / 1e6;
/** The highest throttle an MGN replication template takes (Mbps). */
export const MGN_MAX_BANDWIDTH_MBPS = 10_000;

export interface ReplicationStream {
  readonly kind: 'server' | 'database';
  readonly workload: WorkloadConfig;
  readonly server?: ServerConfig;
  readonly database?: DatabaseConfig;
  /** Host name or database name. */
  readonly name: string;
  readonly gib: number;
  /** Epoch ms: from the wave's start until the workload's cutover window opens. */
  readonly start: number;
  readonly end: number;
}

/** The streams of one site in one wave towards one account and VPC: one MGN replication template. */
export interface ReplicationGroup {
  /** `<account>/<vpc>/<site>/<wave>`. */
  readonly key: string;
  readonly account: string;
  readonly vpc: string;
  readonly site: SiteConfig;
  readonly wave: WaveHeaderConfig;
  readonly streams: readonly ReplicationStream[];
  readonly start: number;
  readonly end: number;
  /** Streams of the site running at once, at the busiest moment of this group's window. */
  readonly peakStreams: number;
  /** The site's bandwidth given to replication (share of bandwidthMbps); undefined when the site declares none. */
  readonly shareMbps?: number;
  /** Per-stream rate: the MGN throttle of the group's servers. */
  readonly throttleMbps?: number;
  /** The stream that needs the most time beyond its window (or the least spare), with the hours it needs and has. */
  readonly slowest?: {
    readonly stream: ReplicationStream;
    readonly hoursNeeded: number;
    readonly hoursAvailable: number;
  };
}

export interface ReplicationItem {
  readonly workload: WorkloadConfig;
  readonly wave?: WaveHeaderConfig;
  readonly target: WorkloadTarget;
  /** The workload's cutover window start, epoch ms. */
  readonly cutoverStart?: number;
}

/** Hours to send `gib` at `mbps`. */
export function transferHours(gib: number, mbps: number): number {
  return (gib * MEGABITS_PER_GIB) / mbps / 3600;
}

/** Every stream of a workload still to move, or none (cut over, no site, no window). */
function streamsOf(item: ReplicationItem, zone: string): ReplicationStream[] {
  const { workload, wave, target, cutoverStart } = item;
  if (!wave || !target.builds || isCutOver(workload) || cutoverStart === undefined) {
    return [];
  }
  const start = localDayStart(wave.actual?.start ?? wave.planned.start, zone);
  const end = cutoverStart;
  return [
    ...target.replicatedServers.map((server): ReplicationStream => ({
      kind: 'server',
      workload,
      server,
      name: server.hostname,
      gib: server.diskGiB,
      start,
      end,
    })),
    ...target.rdsDatabases.map(({ db }): ReplicationStream => ({
      kind: 'database',
      workload,
      database: db,
      name: db.name,
      gib: db.sizeGiB,
      start,
      end,
    })),
  ];
}

/** The most streams running at once within [from, to), from the streams' own intervals. */
function peak(streams: readonly ReplicationStream[], from: number, to: number): number {
  const events: [number, number][] = [];
  for (const s of streams) {
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    if (a < b) {
      events.push([a, 1], [b, -1]);
    }
  }
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let running = 0;
  let most = 0;
  for (const [, delta] of events) {
    running += delta;
    most = Math.max(most, running);
  }
  return most;
}

/**
 * The replication groups of a plan, in a stable order (account, VPC, site, wave). Workloads without
 * a resolved site, account or VPC are left out (the rules report them).
 */
export function replicationGroups(
  items: readonly ReplicationItem[],
  options: { readonly zone: string; readonly bandwidthSharePercent: number },
): ReplicationGroup[] {
  const bySite = new Map<string, ReplicationStream[]>();
  const groups = new Map<
    string,
    { account: string; vpc: string; site: SiteConfig; wave: WaveHeaderConfig; streams: ReplicationStream[] }
  >();
  for (const item of items) {
    const { target, wave } = item;
    if (!target.site || !target.account || !target.vpc || !wave) {
      continue;
    }
    const streams = streamsOf(item, options.zone);
    if (streams.length === 0) {
      continue;
    }
    const site = target.site;
    const atSite = bySite.get(site.name) ?? [];
    atSite.push(...streams);
    bySite.set(site.name, atSite);
    const key = `${target.account.name}/${target.vpc.name}/${site.name}/${wave.id}`;
    const group = groups.get(key) ?? {
      account: target.account.name,
      vpc: target.vpc.name,
      site,
      wave,
      streams: [],
    };
    group.streams.push(...streams);
    groups.set(key, group);
  }
  const out: ReplicationGroup[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key);
    if (!g) {
      continue;
    }
    const start = Math.min(...g.streams.map((s) => s.start));
    const end = Math.max(...g.streams.map((s) => s.end));
    const peakStreams = Math.max(1, peak(bySite.get(g.site.name) ?? [], start, end));
    const shareMbps =
      g.site.bandwidthMbps === undefined
        ? undefined
        : (g.site.bandwidthMbps * options.bandwidthSharePercent) / 100;
    const throttleMbps =
      shareMbps === undefined
        ? undefined
        : Math.max(1, Math.min(MGN_MAX_BANDWIDTH_MBPS, Math.floor(shareMbps / peakStreams)));
    let slowest: ReplicationGroup['slowest'];
    if (throttleMbps !== undefined) {
      for (const stream of g.streams) {
        const hoursNeeded = transferHours(stream.gib, throttleMbps);
        const hoursAvailable = Math.max(0, (stream.end - stream.start) / 3_600_000);
        if (!slowest || hoursNeeded - hoursAvailable > slowest.hoursNeeded - slowest.hoursAvailable) {
          slowest = { stream, hoursNeeded, hoursAvailable };
        }
      }
    }
    out.push({
      key,
      account: g.account,
      vpc: g.vpc,
      site: g.site,
      wave: g.wave,
      streams: g.streams,
      start,
      end,
      peakStreams,
      ...(shareMbps === undefined ? {} : { shareMbps }),
      ...(throttleMbps === undefined ? {} : { throttleMbps }),
      ...(slowest === undefined ? {} : { slowest }),
    });
  }
  return out;
}
