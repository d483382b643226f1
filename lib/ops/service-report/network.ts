import { siteVpnName } from '../../connectivity/site-vpn';
import type { MonitoredSite } from '../../monitoring/monitored-estate';
import { figure, notRead, type Figure, type Load, type SiteRow, type TunnelRow } from './model';
import type { ReportPeriod, ReportPeriods } from './period';
import {
  dropsKey,
  FIVE_MINUTES,
  tunnelKey,
  VPN_TUNNEL_CAPACITY_BITS_PER_SECOND,
  type SeriesLookup,
} from './queries';
import type { Read, VpnAttachmentRecord, VpnConnectionRecord } from './source';
import { max, percentile, sum, within } from './stats';

/*
 * Network load per site and tunnel for the network team: bytes each way, the busier direction's
 * peak and 95th percentile (5-minute averages) against one tunnel's capacity, uptime from the tunnel
 * state, and packets the Transit Gateway dropped on the site's attachments; with the recommendations
 * the team acts on.
 */

/** A site whose 95th-percentile load passes this share of one tunnel's capacity is nearing it. */
export const NEAR_CAPACITY_PERCENT = 70;
/** A peak above this share of one tunnel's capacity saturates it at busy times. */
export const PEAK_CAPACITY_PERCENT = 90;
/** On a BGP site with ECMP, one tunnel carrying more than this share of the bytes is unbalanced. */
export const UNBALANCED_SHARE_PERCENT = 90;
/** Below this many bytes in a period, balance is not judged (an idle site). */
const BALANCE_MIN_BYTES = 1e9;

interface Tunnel {
  readonly device: string;
  readonly vpnConnectionId: string;
  readonly outsideIp: string;
  readonly attachmentId?: string;
}

interface Intervals {
  readonly bytesIn: Map<number, number>;
  readonly bytesOut: Map<number, number>;
  readonly state: Map<number, number>;
}

function intervals(ip: string, lookup: SeriesLookup, period: ReportPeriod): Intervals | { reason: string } {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const maps: Record<string, Map<number, number>> = {};
  for (const metric of ['bytesIn', 'bytesOut', 'state'] as const) {
    const read = lookup(tunnelKey(ip, metric));
    if (!read.ok) return { reason: read.reason };
    const part = within(read.series, start, end);
    const map = new Map<number, number>();
    part.timestamps.forEach((t, i) =>
      map.set(Math.floor((t - start) / (FIVE_MINUTES * 1000)), part.values[i] ?? 0),
    );
    maps[metric] = map;
  }
  const empty = (): Map<number, number> => new Map<number, number>();
  return {
    bytesIn: maps['bytesIn'] ?? empty(),
    bytesOut: maps['bytesOut'] ?? empty(),
    state: maps['state'] ?? empty(),
  };
}

function loadOf(list: readonly Intervals[], count: number): Load {
  const busier: number[] = [];
  let bytesIn = 0;
  let bytesOut = 0;
  let upCount = 0;
  for (let i = 0; i < count; i++) {
    let inB = 0;
    let outB = 0;
    let up = false;
    for (const t of list) {
      inB += t.bytesIn.get(i) ?? 0;
      outB += t.bytesOut.get(i) ?? 0;
      // No state published for an interval is not "up".
      if ((t.state.get(i) ?? 0) >= 0.5) up = true;
    }
    bytesIn += inB;
    bytesOut += outB;
    if (up) upCount++;
    busier.push((Math.max(inB, outB) * 8) / FIVE_MINUTES);
  }
  return {
    bytesIn,
    bytesOut,
    peakBps: max(busier) || 0,
    p95Bps: percentile(busier, 95) || 0,
    uptimePercent: count === 0 ? 0 : (upCount / count) * 100,
  };
}

function dailyPeaks(list: readonly Intervals[], count: number): number[] {
  const perDay = (24 * 3600) / FIVE_MINUTES;
  const peaks: number[] = [];
  for (let d = 0; d * perDay < count; d++) {
    let peak = 0;
    for (let i = d * perDay; i < Math.min(count, (d + 1) * perDay); i++) {
      let inB = 0;
      let outB = 0;
      for (const t of list) {
        inB += t.bytesIn.get(i) ?? 0;
        outB += t.bytesOut.get(i) ?? 0;
      }
      peak = Math.max(peak, (Math.max(inB, outB) * 8) / FIVE_MINUTES);
    }
    peaks.push(peak);
  }
  return peaks;
}

export interface SiteTunnels {
  readonly site: MonitoredSite;
  readonly tunnels: readonly Tunnel[];
  /** Why the site's tunnels could not be found (the connections or attachments were not read, or none matches). */
  readonly unread?: string;
}

/** Which tunnels belong to which site: by the connection's Name tag, `<prefix>-<site>-<device>`. */
export function siteTunnels(
  prefix: string,
  sites: readonly MonitoredSite[],
  connections: Read<readonly VpnConnectionRecord[]>,
  attachments: Read<readonly VpnAttachmentRecord[]>,
): SiteTunnels[] {
  return sites.map((site) => {
    if (!connections.ok) return { site, tunnels: [], unread: connections.failure.message };
    const tunnels: Tunnel[] = [];
    const missing: string[] = [];
    for (const device of site.devices) {
      const name = siteVpnName(prefix, site.name, device.name);
      const connection = connections.value.find((c) => c.name === name);
      if (!connection) {
        missing.push(`no VPN connection named ${name} in the network account`);
        continue;
      }
      if (connection.tunnels.length === 0) {
        missing.push(`${connection.vpnConnectionId} (${name}) reports no tunnels`);
        continue;
      }
      const attachment = attachments.ok
        ? attachments.value.find((a) => a.vpnConnectionId === connection.vpnConnectionId)
        : undefined;
      for (const tunnel of connection.tunnels) {
        tunnels.push({
          device: device.name,
          vpnConnectionId: connection.vpnConnectionId,
          outsideIp: tunnel.outsideIp,
          ...(attachment === undefined ? {} : { attachmentId: attachment.attachmentId }),
        });
      }
    }
    return missing.length > 0 ? { site, tunnels, unread: missing.join('; ') } : { site, tunnels };
  });
}

function siteLoad(
  tunnels: readonly Tunnel[],
  lookup: SeriesLookup,
  period: ReportPeriod,
): { load: Figure<Load>; list?: Intervals[] } {
  const count = Math.round((period.end.getTime() - period.start.getTime()) / (FIVE_MINUTES * 1000));
  const list: Intervals[] = [];
  for (const t of tunnels) {
    const i = intervals(t.outsideIp, lookup, period);
    if ('reason' in i) return { load: notRead(`tunnel ${t.outsideIp}: ${i.reason}`) };
    if (i.state.size === 0) {
      return {
        load: notRead(
          `tunnel ${t.outsideIp} of ${t.vpnConnectionId}: AWS/VPN published no TunnelState in ${period.label}`,
        ),
      };
    }
    list.push(i);
  }
  return { load: figure(loadOf(list, count)), list };
}

/** Every site's and tunnel's load in the periods. */
export function networkRows(
  sites: readonly SiteTunnels[],
  lookup: SeriesLookup,
  periods: ReportPeriods,
): { sites: SiteRow[]; tunnels: TunnelRow[] } {
  const siteRows: SiteRow[] = [];
  const tunnelRows: TunnelRow[] = [];
  const count = Math.round(
    (periods.current.end.getTime() - periods.current.start.getTime()) / (FIVE_MINUTES * 1000),
  );
  for (const { site, tunnels, unread } of sites) {
    const capacity = VPN_TUNNEL_CAPACITY_BITS_PER_SECOND;
    const base = {
      site: site.name,
      routing: site.routing,
      tunnels: tunnels.length,
      tunnelCapacityBps: capacity,
    };
    if (unread !== undefined) {
      siteRows.push({
        ...base,
        current: notRead(unread),
        previous: notRead(unread),
        drops: notRead(unread),
        busiestTunnelSharePercent: notRead(unread),
        dailyPeakBps: [],
      });
      continue;
    }
    const current = siteLoad(tunnels, lookup, periods.current);
    const previous = siteLoad(tunnels, lookup, periods.previous);
    for (const t of tunnels) {
      const one = siteLoad([t], lookup, periods.current).load;
      tunnelRows.push({
        site: site.name,
        device: t.device,
        vpnConnectionId: t.vpnConnectionId,
        outsideIp: t.outsideIp,
        current: one,
      });
    }
    let drops: Figure<number> = figure(0);
    for (const attachment of new Set(
      tunnels.flatMap((t) => (t.attachmentId === undefined ? [] : [t.attachmentId])),
    )) {
      for (const kind of ['blackhole', 'noroute'] as const) {
        const read = lookup(dropsKey(attachment, kind));
        if (!read.ok) {
          drops = notRead(read.reason);
          break;
        }
        if (drops.read) {
          drops = figure(
            drops.value +
              sum(within(read.series, periods.current.start.getTime(), periods.current.end.getTime()).values),
          );
        }
      }
    }
    if (tunnels.some((t) => t.attachmentId === undefined)) {
      drops = notRead('the Transit Gateway attachment of a connection was not found or not read');
    }
    let share: Figure<number> = notRead(current.load.read ? 'no tunnel load' : current.load.reason);
    if (current.list && current.load.read) {
      // Balance is judged per VPN connection: its two tunnels are what ECMP spreads traffic over.
      const byConnection = new Map<string, number[]>();
      current.list.forEach((l, i) => {
        const id = tunnels[i]?.vpnConnectionId ?? '';
        byConnection.set(id, [
          ...(byConnection.get(id) ?? []),
          sum([...l.bytesIn.values()]) + sum([...l.bytesOut.values()]),
        ]);
      });
      const shares = [...byConnection.values()].map((totals) => {
        const all = sum(totals);
        return all === 0 ? 0 : (max(totals) / all) * 100;
      });
      share = figure(max(shares) || 0);
    }
    siteRows.push({
      ...base,
      current: current.load,
      previous: previous.load,
      drops,
      busiestTunnelSharePercent: share,
      dailyPeakBps: current.list ? dailyPeaks(current.list, count) : [],
    });
  }
  return { sites: siteRows, tunnels: tunnelRows };
}

const gbps = (bps: number): string => `${(bps / 1e9).toFixed(2)} Gbps`;

/** The recommendation lines of one site. */
export function recommendations(row: SiteRow): string[] {
  const out: string[] = [];
  if (!row.current.read) return out;
  const load = row.current.value;
  const p95 = (load.p95Bps / row.tunnelCapacityBps) * 100;
  const peak = (load.peakBps / row.tunnelCapacityBps) * 100;
  if (p95 >= NEAR_CAPACITY_PERCENT) {
    out.push(
      `95th-percentile load ${gbps(load.p95Bps)} is ${p95.toFixed(0)}% of one tunnel's ${gbps(row.tunnelCapacityBps)}: add capacity before it saturates (a second VPN connection with ECMP, or Direct Connect).`,
    );
  } else if (peak >= PEAK_CAPACITY_PERCENT) {
    out.push(
      `Peaks reach ${gbps(load.peakBps)}, ${peak.toFixed(0)}% of one tunnel's ${gbps(row.tunnelCapacityBps)}: move bulk transfers out of the busy hours or add capacity.`,
    );
  }
  const share = row.busiestTunnelSharePercent;
  if (
    row.routing === 'bgp' &&
    row.tunnels >= 2 &&
    share.read &&
    share.value >= UNBALANCED_SHARE_PERCENT &&
    load.bytesIn + load.bytesOut >= BALANCE_MIN_BYTES
  ) {
    out.push(
      `Traffic is unbalanced: one tunnel carries ${share.value.toFixed(0)}% of its connection's bytes. With BGP and ECMP on the Transit Gateway both tunnels should carry traffic: check the device's ECMP and AS-path settings.`,
    );
  }
  if (row.drops.read && row.drops.value > 0) {
    out.push(
      `The Transit Gateway dropped ${row.drops.value.toFixed(0)} packets on the site's attachments (no route or blackhole): check what the site sends against the routing policy.`,
    );
  }
  if (load.uptimePercent < 99.9) {
    out.push(
      `The site was reachable ${load.uptimePercent.toFixed(2)}% of the time: check the tunnel logs and the site's internet line.`,
    );
  }
  return out;
}
