import {
  paginateDescribeTransitGatewayRouteTables,
  paginateGetTransitGatewayRouteTablePropagations,
  paginateSearchTransitGatewayRoutes,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { attempt, type OperationError } from './errors';
import { answered } from './http';
import type { LiveVpnConnection } from './vpn-status';

/** A route the Transit Gateway learned over BGP from a VPN attachment, in one route table. */
export interface PropagatedRoute {
  readonly prefix: string;
  readonly vpnConnectionId: string;
  readonly attachmentId: string;
  readonly routeTableId: string;
  /** The route table's Name tag, when it has one (the hub names each `<prefix>-<hub>-<segment>`). */
  readonly routeTableName?: string;
}

export interface PropagatedRoutes {
  readonly routes: PropagatedRoute[];
  /**
   * Route tables whose search stopped before the end (AWS said more routes were available and gave
   * no way to read them): the routes above are then only part of what was learned there.
   */
  readonly truncated: readonly {
    readonly routeTable: string;
    readonly vpnConnectionIds: readonly string[];
  }[];
  readonly errors: OperationError[];
}

interface Table {
  readonly id: string;
  readonly name?: string;
}

interface Propagation {
  readonly table: Table;
  readonly attachmentId: string;
  readonly vpnConnectionId: string;
}

const EMPTY: PropagatedRoutes = { routes: [], truncated: [], errors: [] };

async function routeTables(client: EC2Client, transitGatewayIds: readonly string[]): Promise<Table[]> {
  const out: Table[] = [];
  const pages = paginateDescribeTransitGatewayRouteTables(
    { client },
    { Filters: [{ Name: 'transit-gateway-id', Values: [...transitGatewayIds] }] },
  );
  for await (const page of pages) {
    for (const t of answered(page, 'TransitGatewayRouteTables').TransitGatewayRouteTables ?? []) {
      if (t.TransitGatewayRouteTableId === undefined || t.State === 'deleted' || t.State === 'deleting')
        continue;
      const name = t.Tags?.find((tag) => tag.Key === 'Name')?.Value;
      out.push({ id: t.TransitGatewayRouteTableId, ...(name === undefined ? {} : { name }) });
    }
  }
  return out;
}

async function vpnPropagations(
  client: EC2Client,
  table: Table,
  connectionIds: ReadonlySet<string>,
): Promise<Propagation[]> {
  const out: Propagation[] = [];
  const pages = paginateGetTransitGatewayRouteTablePropagations(
    { client },
    { TransitGatewayRouteTableId: table.id, Filters: [{ Name: 'resource-type', Values: ['vpn'] }] },
  );
  for await (const page of pages) {
    const list = answered(page, 'TransitGatewayRouteTablePropagations').TransitGatewayRouteTablePropagations;
    for (const p of list ?? []) {
      // The filter is applied here too: an endpoint that ignores it must not widen the search.
      if (p.ResourceId === undefined || p.TransitGatewayAttachmentId === undefined) continue;
      if (!connectionIds.has(p.ResourceId) || p.State === 'disabled') continue;
      out.push({ table, attachmentId: p.TransitGatewayAttachmentId, vpnConnectionId: p.ResourceId });
    }
  }
  return out;
}

async function searchTable(
  client: EC2Client,
  table: Table,
  propagations: readonly Propagation[],
): Promise<{ routes: PropagatedRoute[]; truncated: boolean }> {
  const byAttachment = new Map(propagations.map((p) => [p.attachmentId, p.vpnConnectionId]));
  const routes: PropagatedRoute[] = [];
  let truncated = false;
  const pages = paginateSearchTransitGatewayRoutes(
    { client },
    {
      TransitGatewayRouteTableId: table.id,
      Filters: [
        { Name: 'type', Values: ['propagated'] },
        { Name: 'attachment.transit-gateway-attachment-id', Values: [...byAttachment.keys()] },
      ],
    },
  );
  for await (const page of pages) {
    const answer = answered(page, 'Routes');
    // Before the API paginated, a search stopped at 1000 routes with only this flag to say so.
    if (answer.AdditionalRoutesAvailable === true && answer.NextToken === undefined) truncated = true;
    for (const route of answer.Routes ?? []) {
      // Static routes and prefix-list routes are the templates' own, not something a site announced.
      if (route.Type !== 'propagated' || route.DestinationCidrBlock === undefined) continue;
      // ECMP: one route can list both devices of a site; each attachment is its own announcement.
      for (const a of route.TransitGatewayAttachments ?? []) {
        const vpnConnectionId =
          a.TransitGatewayAttachmentId === undefined
            ? undefined
            : byAttachment.get(a.TransitGatewayAttachmentId);
        if (vpnConnectionId === undefined || a.TransitGatewayAttachmentId === undefined) continue;
        routes.push({
          prefix: route.DestinationCidrBlock,
          vpnConnectionId,
          attachmentId: a.TransitGatewayAttachmentId,
          routeTableId: table.id,
          ...(table.name === undefined ? {} : { routeTableName: table.name }),
        });
      }
    }
  }
  return { routes, truncated };
}

/**
 * The routes the Transit Gateway learned from each given VPN connection: the route tables of the
 * connections' Transit Gateways, which of them each connection's attachment propagates into, and
 * the propagated routes of those attachments in each such table. Route tables, not attachments,
 * are walked because moto (the ops integration tests) implements the route-table calls but not
 * GetTransitGatewayAttachmentPropagations; the calls are the same in number for a hub with a
 * handful of tables. A call that fails is reported (once per action) with what the others read.
 */
export async function collectPropagatedRoutes(
  client: EC2Client,
  connections: readonly LiveVpnConnection[],
): Promise<PropagatedRoutes> {
  const withHub = connections.filter(
    (c) => c.transitGatewayId !== undefined && c.state !== 'deleted' && c.state !== 'deleting',
  );
  const transitGatewayIds = [...new Set(withHub.map((c) => c.transitGatewayId ?? ''))];
  if (transitGatewayIds.length === 0) return EMPTY;
  const connectionIds = new Set(withHub.map((c) => c.id));
  const errors: OperationError[] = [];

  const tables = await attempt('ec2:DescribeTransitGatewayRouteTables', () =>
    routeTables(client, transitGatewayIds),
  );
  if (!tables.ok) return { ...EMPTY, errors: [tables.error] };

  const propagations = await Promise.all(
    tables.value.map((table) =>
      attempt('ec2:GetTransitGatewayRouteTablePropagations', () =>
        vpnPropagations(client, table, connectionIds),
      ),
    ),
  );
  // One error per action: the same refusal repeats for every table.
  const failed = propagations.flatMap((p) => (p.ok ? [] : [p.error]));
  if (failed[0] !== undefined) errors.push(failed[0]);
  const byTable = new Map<string, { table: Table; list: Propagation[] }>();
  for (const p of propagations.flatMap((r) => (r.ok ? r.value : []))) {
    const entry = byTable.get(p.table.id) ?? { table: p.table, list: [] };
    entry.list.push(p);
    byTable.set(p.table.id, entry);
  }

  const searches = await Promise.all(
    [...byTable.values()].map(async ({ table, list }) => ({
      table,
      list,
      result: await attempt('ec2:SearchTransitGatewayRoutes', () => searchTable(client, table, list)),
    })),
  );
  const routes: PropagatedRoute[] = [];
  const truncated: { routeTable: string; vpnConnectionIds: string[] }[] = [];
  let searchError: OperationError | undefined;
  for (const { table, list, result } of searches) {
    const ids = [...new Set(list.map((p) => p.vpnConnectionId))];
    if (!result.ok) {
      searchError ??= result.error;
      continue;
    }
    routes.push(...result.value.routes);
    if (result.value.truncated) truncated.push({ routeTable: table.name ?? table.id, vpnConnectionIds: ids });
  }
  if (searchError !== undefined) errors.push(searchError);
  return { routes, truncated, errors };
}
