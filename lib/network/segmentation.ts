import type { AccountRole, VpcPurpose } from '../config/schema';
import type { SiteTrust } from '../config/schema-connectivity';

/**
 * The routing policy of the hub, as data. Each Transit Gateway attachment is associated with the
 * route table of its segment and propagates its routes only into the route tables listed here, so
 * production and non-production never learn each other's routes. Every route table also
 * blackholes the whole AWS address space, so traffic between segments cannot hairpin through the
 * egress VPC on the default route.
 *
 * Council sites are in `on-premises`, or in `on-premises-low-trust` when the configuration says
 * `trust: low` (a site whose router or network the council trusts less: public Wi-Fi, a shared
 * building). A low-trust site reaches only the shared services, and only their route table holds
 * its routes: whatever its router announces, no production or non-production traffic can be
 * drawn to it, and it reaches no workload.
 */
export const SEGMENTS = [
  'production',
  'non-production',
  'shared',
  'egress',
  'on-premises',
  'on-premises-low-trust',
] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * Segments whose route table the hub creates only when something is in them, so a council without
 * low-trust sites gets no empty table and its templates do not change.
 */
export const ON_DEMAND_SEGMENTS = ['on-premises-low-trust'] as const satisfies readonly Segment[];
export type OnDemandSegment = (typeof ON_DEMAND_SEGMENTS)[number];
/** The segments every hub has a route table for. */
export type FixedSegment = Exclude<Segment, OnDemandSegment>;

/** A value per segment: always for the fixed segments, when created for the on-demand ones. */
export type SegmentRouteTables<T> = Readonly<Record<FixedSegment, T> & Partial<Record<OnDemandSegment, T>>>;

export const PROPAGATES_INTO: Readonly<Record<Segment, readonly Segment[]>> = {
  production: ['production', 'shared', 'egress', 'on-premises'],
  'non-production': ['non-production', 'shared', 'egress', 'on-premises'],
  shared: ['production', 'non-production', 'shared', 'egress', 'on-premises', 'on-premises-low-trust'],
  egress: [],
  'on-premises': ['production', 'non-production', 'shared'],
  'on-premises-low-trust': ['shared'],
};

/**
 * Route tables whose default route (0.0.0.0/0) leads to central egress. Not the sites' tables:
 * a site reaches the internet through its own line, never through AWS.
 */
export const DEFAULT_ROUTE_TO_EGRESS: readonly FixedSegment[] = ['production', 'non-production', 'shared'];

export function segmentOfVpc(purpose: VpcPurpose, accountRole: AccountRole): Segment {
  if (purpose === 'egress') {
    return 'egress';
  }
  if (purpose === 'shared-services') {
    return 'shared';
  }
  return accountRole === 'production' ? 'production' : 'non-production';
}

/** The segment of a council site's VPN attachments. */
export function segmentOfSite(trust: SiteTrust | undefined): Segment {
  return trust === 'low' ? 'on-premises-low-trust' : 'on-premises';
}

/**
 * Whether attachments of the two segments can talk both ways: each one's route table holds the
 * other's routes. One direction is not enough for a connection (the replies have no way back).
 */
export function connects(a: Segment, b: Segment): boolean {
  return PROPAGATES_INTO[a].includes(b) && PROPAGATES_INTO[b].includes(a);
}

/** The on-demand segments these sites are in, whose route tables the hub must create. */
export function onDemandSegmentsOf(sites: readonly { readonly trust?: SiteTrust }[]): OnDemandSegment[] {
  return sites.some((site) => site.trust === 'low') ? ['on-premises-low-trust'] : [];
}

/** A segment's route table, or a clear error when the hub was built without it. */
export function routeTableOf<T>(tables: SegmentRouteTables<T>, segment: Segment): T {
  const bySegment: Partial<Record<Segment, T>> = tables;
  const table = bySegment[segment];
  if (table === undefined) {
    throw new Error(
      `the hub has no ${segment} route table: build it with that segment in onDemandSegments (a site with trust: low needs it)`,
    );
  }
  return table;
}
