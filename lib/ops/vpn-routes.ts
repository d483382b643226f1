import { contains, parseCidr } from '../ipv4';
import type { Finding } from './report';
import type { PropagatedRoute } from './vpn-routes-collect';
import type { PlannedDevice, TunnelRow } from './vpn-status';

/*
 * A BGP site's router decides what the Transit Gateway learns from it, and the Transit Gateway
 * propagates whatever it announces into every route table the attachment propagates into: a
 * router that announces more than its own networks (a default route, a VPC's range, a more
 * specific slice of another site) attracts traffic meant for elsewhere. The configuration declares
 * each site's networks (lanRanges); every learned prefix must sit inside one of them.
 */

/** One prefix a device's connection announced, and where the Transit Gateway put it. */
export interface AnnouncedPrefix {
  readonly site: string;
  readonly device: string;
  readonly region?: string;
  readonly connectionId: string;
  readonly prefix: string;
  /** The route tables it was propagated into, by Name tag or ID, sorted. */
  readonly routeTables: readonly string[];
  readonly withinLanRanges: boolean;
}

/** What was read of the learned routes, in each region. */
export interface LearnedRoutes {
  readonly routes: readonly (PropagatedRoute & { readonly region?: string })[];
  /** Route tables whose search AWS cut short, with the connections concerned. */
  readonly truncated: readonly {
    readonly region?: string;
    readonly routeTable: string;
    readonly vpnConnectionIds: readonly string[];
  }[];
}

function key(region: string | undefined, connectionId: string): string {
  return `${region ?? ''}/${connectionId}`;
}

function inside(prefix: string, lanRanges: readonly string[]): boolean {
  const parsed = parseCidr(prefix);
  if (!parsed.ok) return false;
  return lanRanges.some((lan) => {
    const range = parseCidr(lan);
    return range.ok && contains(range.cidr, parsed.cidr);
  });
}

/**
 * Compares each device's learned routes with its site's lanRanges. The devices are matched to
 * connections by the tunnel rows of the vpn-status evaluation, so a connection that matched no
 * device is not judged here (it is already an unexpected connection). Pure.
 */
export function evaluateLearnedRoutes(
  devices: readonly PlannedDevice[],
  rows: readonly TunnelRow[],
  learned: LearnedRoutes,
): { readonly announced: AnnouncedPrefix[]; readonly findings: Finding[] } {
  const deviceOf = new Map<string, PlannedDevice>();
  for (const row of rows) {
    const device = devices.find((d) => d.site === row.site && d.device === row.device);
    if (device !== undefined && row.connectionId !== '-')
      deviceOf.set(key(row.region, row.connectionId), device);
  }
  const byPrefix = new Map<
    string,
    { device: PlannedDevice; region?: string; connectionId: string; prefix: string; tables: Set<string> }
  >();
  for (const route of learned.routes) {
    const device = deviceOf.get(key(route.region, route.vpnConnectionId));
    if (device === undefined) continue;
    const k = `${key(route.region, route.vpnConnectionId)} ${route.prefix}`;
    const entry = byPrefix.get(k) ?? {
      device,
      ...(route.region === undefined ? {} : { region: route.region }),
      connectionId: route.vpnConnectionId,
      prefix: route.prefix,
      tables: new Set<string>(),
    };
    entry.tables.add(route.routeTableName ?? route.routeTableId);
    byPrefix.set(k, entry);
  }
  const announced: AnnouncedPrefix[] = [...byPrefix.values()]
    .map((e) => ({
      site: e.device.site,
      device: e.device.device,
      ...(e.region === undefined ? {} : { region: e.region }),
      connectionId: e.connectionId,
      prefix: e.prefix,
      routeTables: [...e.tables].sort(),
      withinLanRanges: inside(e.prefix, e.device.lanRanges),
    }))
    .sort(
      (a, b) =>
        a.site.localeCompare(b.site) || a.device.localeCompare(b.device) || a.prefix.localeCompare(b.prefix),
    );

  const findings: Finding[] = [];
  for (const a of announced.filter((p) => !p.withinLanRanges)) {
    const lanRanges = byPrefix.get(`${key(a.region, a.connectionId)} ${a.prefix}`)?.device.lanRanges ?? [];
    findings.push({
      kind: 'route-outside-lan-ranges',
      subject: `${a.site}/${a.device}`,
      message:
        `announces ${a.prefix}, outside the site's lanRanges (${lanRanges.join(', ')}): the Transit Gateway ` +
        `propagated it into ${a.routeTables.join(', ')}, so traffic for ${a.prefix} from there goes to this site`,
    });
  }
  for (const t of learned.truncated) {
    for (const id of t.vpnConnectionIds) {
      const device = deviceOf.get(key(t.region, id));
      if (device === undefined) continue;
      findings.push({
        kind: 'routes-not-all-read',
        subject: `${device.site}/${device.device}`,
        message:
          `AWS returned only part of the routes propagated into ${t.routeTable} (more than a search returns): ` +
          'a site announcing that many routes announces more than its lanRanges; only those read were compared',
      });
    }
  }
  return { announced, findings };
}
