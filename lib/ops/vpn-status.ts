import { siteVpnName } from '../connectivity/site-vpn';
import type { Finding } from './report';

/** A site device as planned in `connectivity.sites`. */
export interface PlannedDevice {
  readonly site: string;
  readonly device: string;
  readonly publicIp: string;
  readonly routing: 'bgp' | 'static';
  /** The site's networks: every route its connection announces must sit inside one of them. */
  readonly lanRanges: readonly string[];
  /** The Name tag its customer gateway and VPN connection carry. */
  readonly name: string;
}

/** The parts of DescribeCustomerGateways this check reads. */
export interface LiveCustomerGateway {
  readonly id: string;
  /** Where it was read, when several regions are; IDs are only unique within a region. */
  readonly region?: string;
  readonly ipAddress?: string;
  readonly state?: string;
  readonly name?: string;
}

export interface LiveTunnel {
  readonly outsideIp?: string;
  readonly status?: string;
  readonly lastStatusChange?: Date;
  readonly acceptedRouteCount?: number;
  readonly statusMessage?: string;
}

/** The parts of DescribeVpnConnections this check reads. */
export interface LiveVpnConnection {
  readonly id: string;
  readonly region?: string;
  readonly state?: string;
  readonly customerGatewayId?: string;
  /** The Transit Gateway it terminates on, whose route tables hold what it announces. */
  readonly transitGatewayId?: string;
  readonly name?: string;
  readonly tunnels: readonly LiveTunnel[];
}

export interface TunnelRow {
  readonly site: string;
  readonly device: string;
  /** The region its connection was found in; absent for a device found in none. */
  readonly region?: string;
  readonly connectionId: string;
  readonly tunnel: string;
  readonly status: string;
  readonly sinceChange?: Date;
  readonly acceptedRoutes?: number;
}

export interface VpnEvaluation {
  readonly rows: TunnelRow[];
  readonly findings: Finding[];
}

interface SiteLike {
  readonly name: string;
  readonly routing: { readonly type: 'bgp' | 'static' };
  readonly lanRanges: readonly string[];
  readonly customerGateways: readonly { readonly name: string; readonly publicIp: string }[];
}

/** Every configured device, with the Name tag the SiteVpn construct gives it. */
export function plannedDevices(prefix: string, sites: readonly SiteLike[]): PlannedDevice[] {
  return sites.flatMap((site) =>
    site.customerGateways.map((gw) => ({
      site: site.name,
      device: gw.name,
      publicIp: gw.publicIp,
      routing: site.routing.type,
      lanRanges: site.lanRanges,
      name: siteVpnName(prefix, site.name, gw.name),
    })),
  );
}

const GONE = new Set(['deleted', 'deleting']);

/** What was read: which regions, and whether any of them could not list its connections. */
export interface VpnReadScope {
  /** The regions whose connections were read (for the missing-connection message). */
  readonly regions?: readonly string[];
  /**
   * A region's connections could not be read: a device found nowhere else may be there, so it is
   * shown as not read rather than reported missing.
   */
  readonly incomplete?: boolean;
  /**
   * Regions whose customer gateways could not be read: their connections can be matched to a device
   * by Name tag only, so a device not found may still be there (not read, not missing), and a
   * connection matched to no device is not known to be unexpected.
   */
  readonly unmatchedRegions?: readonly string[];
}

function gatewayKey(region: string | undefined, id: string): string {
  return `${region ?? ''}/${id}`;
}

/**
 * Compares the live VPN connections with the planned devices. A connection belongs to a device when
 * its customer gateway has the device's public IP or it carries the device's Name tag. Pure: the
 * caller fetches the data, so this can be tested on plain objects.
 */
export function evaluateVpnStatus(
  planned: readonly PlannedDevice[],
  gateways: readonly LiveCustomerGateway[],
  connections: readonly LiveVpnConnection[],
  scope: VpnReadScope = {},
): VpnEvaluation {
  const rows: TunnelRow[] = [];
  const findings: Finding[] = [];
  const liveGateways = new Map(
    gateways.filter((g) => !GONE.has(g.state ?? '')).map((g) => [gatewayKey(g.region, g.id), g]),
  );
  const gatewayOf = (c: LiveVpnConnection): LiveCustomerGateway | undefined =>
    c.customerGatewayId === undefined
      ? undefined
      : liveGateways.get(gatewayKey(c.region, c.customerGatewayId));
  const live = connections.filter((c) => !GONE.has(c.state ?? ''));
  const claimed = new Set<string>();
  const where =
    scope.regions === undefined || scope.regions.length <= 1
      ? 'this account and region'
      : `this account's regions ${scope.regions.join(', ')}`;

  for (const device of planned) {
    const subject = `${device.site}/${device.device}`;
    const byIp = live.filter((c) => gatewayOf(c)?.ipAddress === device.publicIp);
    const byName = live.filter((c) => c.name === device.name);
    const candidates = [...byIp, ...byName.filter((c) => !byIp.includes(c))].filter(
      (c) => !claimed.has(c.id),
    );
    const connection = candidates[0];
    if (connection === undefined) {
      const unknown = scope.incomplete === true || (scope.unmatchedRegions ?? []).length > 0;
      if (!unknown) {
        findings.push({
          kind: 'missing-connection',
          subject,
          message: `no VPN connection for ${device.publicIp} (Name ${device.name}) in ${where}`,
        });
      }
      rows.push({
        site: device.site,
        device: device.device,
        connectionId: '-',
        tunnel: '-',
        status: unknown ? 'NOT READ' : 'MISSING',
      });
      continue;
    }
    claimed.add(connection.id);
    const region = connection.region === undefined ? {} : { region: connection.region };
    const gatewayIp = gatewayOf(connection)?.ipAddress;
    if (gatewayIp !== undefined && gatewayIp !== device.publicIp) {
      findings.push({
        kind: 'ip-mismatch',
        subject,
        message: `${connection.id} is tagged ${device.name} but its customer gateway is ${gatewayIp}, not ${device.publicIp}`,
      });
    }
    if (connection.state !== 'available') {
      findings.push({
        kind: 'connection-not-available',
        subject,
        message: `${connection.id} is ${connection.state ?? 'in an unknown state'}`,
      });
    }
    if (connection.tunnels.length === 0) {
      findings.push({
        kind: 'no-telemetry',
        subject,
        message: `${connection.id} reports no tunnel telemetry, so tunnel state is unknown`,
      });
      rows.push({
        site: device.site,
        device: device.device,
        ...region,
        connectionId: connection.id,
        tunnel: '-',
        status: 'UNKNOWN',
      });
    }
    for (const tunnel of connection.tunnels) {
      const label = tunnel.outsideIp ?? '?';
      const status = tunnel.status ?? 'UNKNOWN';
      rows.push({
        site: device.site,
        device: device.device,
        ...region,
        connectionId: connection.id,
        tunnel: label,
        status,
        ...(tunnel.lastStatusChange === undefined ? {} : { sinceChange: tunnel.lastStatusChange }),
        ...(tunnel.acceptedRouteCount === undefined ? {} : { acceptedRoutes: tunnel.acceptedRouteCount }),
      });
      const why = tunnel.statusMessage ? ` (${tunnel.statusMessage})` : '';
      if (status !== 'UP') {
        findings.push({ kind: 'tunnel-down', subject, message: `tunnel ${label} is ${status}${why}` });
      } else if (device.routing === 'bgp' && (tunnel.acceptedRouteCount ?? 0) === 0) {
        findings.push({
          kind: 'no-bgp-routes',
          subject,
          message: `tunnel ${label} is UP but has accepted no BGP routes: traffic cannot use it`,
        });
      }
    }
  }

  for (const connection of live) {
    if (claimed.has(connection.id)) continue;
    const ip = gatewayOf(connection)?.ipAddress;
    // Its customer gateway not read, it may be a configured device's (matched by IP): not unexpected.
    const unmatched = (scope.unmatchedRegions ?? []).includes(connection.region ?? '');
    if (!unmatched) {
      findings.push({
        kind: 'unexpected-connection',
        subject: connection.id,
        message: `${connection.name ?? 'untagged'} (${ip ?? 'unknown customer gateway'}) is not a site device in the configuration`,
      });
    }
    rows.push({
      site: '?',
      device: connection.name ?? '?',
      ...(connection.region === undefined ? {} : { region: connection.region }),
      connectionId: connection.id,
      tunnel: '-',
      status: unmatched ? 'NOT MATCHED' : (connection.state ?? 'UNKNOWN'),
    });
  }
  return { rows, findings };
}
