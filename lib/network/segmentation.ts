import type { AccountRole, VpcPurpose } from '../config/schema';

/**
 * The routing policy of the hub, as data. Each Transit Gateway attachment is associated with the
 * route table of its segment and propagates its routes only into the route tables listed here, so
 * production and non-production never learn each other's routes. Every route table also
 * blackholes the whole AWS address space, so traffic between segments cannot hairpin through the
 * egress VPC on the default route.
 */
export const SEGMENTS = ['production', 'non-production', 'shared', 'egress', 'on-premises'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const PROPAGATES_INTO: Readonly<Record<Segment, readonly Segment[]>> = {
  production: ['production', 'shared', 'egress', 'on-premises'],
  'non-production': ['non-production', 'shared', 'egress', 'on-premises'],
  shared: ['production', 'non-production', 'shared', 'egress', 'on-premises'],
  egress: [],
  'on-premises': ['production', 'non-production', 'shared'],
};

/** Route tables whose default route (0.0.0.0/0) leads to central egress. */
export const DEFAULT_ROUTE_TO_EGRESS: readonly Segment[] = ['production', 'non-production', 'shared'];

export function segmentOfVpc(purpose: VpcPurpose, accountRole: AccountRole): Segment {
  if (purpose === 'egress') {
    return 'egress';
  }
  if (purpose === 'shared-services') {
    return 'shared';
  }
  return accountRole === 'production' ? 'production' : 'non-production';
}
