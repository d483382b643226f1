import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SEGMENTS, type Segment } from '../../../lib/network/segmentation';
import { exampleLandingZone } from '../connectivity/example-landing-zone';

/*
 * Reachability through the Transit Gateway, worked out from the constructs the app creates (not
 * from the routing policy table), so a wrong association, propagation or static route shows up.
 * An attachment in segment A reaches segment B when A's route table holds a route to B's
 * attachment (propagated or static) and B's route table holds one back.
 */
const { app, stacks } = exampleLandingZone();
const tables = stacks.hub.hub.routeTables;
const tableSegment = (id: string): Segment => {
  const found = SEGMENTS.find((segment) => tables[segment]?.ref === id);
  if (found === undefined) {
    throw new Error(`unknown route table ${id}`);
  }
  return found;
};

type Source = { readonly name: string; readonly segment: Segment };
const attachments = new Map<string, Source>();
attachments.set(stacks.hub.egress.attachment.ref, { name: 'vpc egress', segment: 'egress' });
for (const [name, stack] of Object.entries(stacks.vpcs)) {
  attachments.set(stack.network.attachment.ref, { name: `vpc ${name}`, segment: stack.network.segment });
}
for (const [site, vpn] of Object.entries(stacks.connectivity?.vpns.sites ?? {})) {
  for (const c of vpn.connections) {
    attachments.set(c.attachmentId, { name: `vpn ${site}/${c.gateway.name}`, segment: 'on-premises' });
  }
}
const sourceOf = (id: string): Source => {
  const source = attachments.get(id);
  if (!source) {
    throw new Error(`unknown attachment ${id}`);
  }
  return source;
};

const all = app.node.findAll();
const associations = all
  .filter((c) => c instanceof ec2.CfnTransitGatewayRouteTableAssociation)
  .map((a) => ({
    source: sourceOf(a.transitGatewayAttachmentId),
    table: tableSegment(a.transitGatewayRouteTableId),
  }));
/** Route table segment -> names of the attachments it has routes to. */
const routesIn = new Map<Segment, Set<string>>(SEGMENTS.map((s) => [s, new Set<string>()]));
for (const p of all.filter((c) => c instanceof ec2.CfnTransitGatewayRouteTablePropagation)) {
  routesIn.get(tableSegment(p.transitGatewayRouteTableId))?.add(sourceOf(p.transitGatewayAttachmentId).name);
}
for (const r of all.filter((c) => c instanceof ec2.CfnTransitGatewayRoute)) {
  if (r.transitGatewayAttachmentId !== undefined && r.destinationCidrBlock !== '0.0.0.0/0') {
    routesIn
      .get(tableSegment(r.transitGatewayRouteTableId))
      ?.add(sourceOf(r.transitGatewayAttachmentId).name);
  }
}
const tableOf = (name: string): Segment | undefined =>
  associations.find((a) => a.source.name === name)?.table;
const reaches = (from: string, to: string): boolean => {
  const fromTable = tableOf(from);
  const toTable = tableOf(to);
  return (
    fromTable !== undefined &&
    toTable !== undefined &&
    (routesIn.get(fromTable)?.has(to) ?? false) &&
    (routesIn.get(toTable)?.has(from) ?? false)
  );
};

const vpnNames = [...attachments.values()].filter((s) => s.segment === 'on-premises').map((s) => s.name);

describe('routing segmentation with the VPNs attached', () => {
  it('associates every attachment with exactly one route table, VPNs with on-premises', () => {
    for (const name of [...attachments.values()].map((s) => s.name)) {
      expect({ name, count: associations.filter((a) => a.source.name === name).length }).toEqual({
        name,
        count: 1,
      });
    }
    expect(vpnNames).toHaveLength(4);
    for (const vpn of vpnNames) {
      expect(tableOf(vpn)).toBe('on-premises');
    }
  });

  it.each(['vpc production', 'vpc non-production', 'vpc shared-services'])(
    'every site reaches the %s',
    (vpc) => {
      for (const vpn of vpnNames) {
        expect({ vpn, vpc, reaches: reaches(vpn, vpc) }).toEqual({ vpn, vpc, reaches: true });
      }
    },
  );

  it('keeps production and non-production apart', () => {
    expect(reaches('vpc production', 'vpc non-production')).toBe(false);
    expect(routesIn.get('production')?.has('vpc non-production')).toBe(false);
    expect(routesIn.get('non-production')?.has('vpc production')).toBe(false);
  });

  it('does not route one site to another through AWS, nor any site to the egress VPC', () => {
    for (const a of vpnNames) {
      expect(routesIn.get('on-premises')?.has(a)).toBe(false);
      expect(reaches(a, 'vpc egress')).toBe(false);
    }
  });

  it('routes the static site prefixes only into the tables on-premises reaches', () => {
    const staticRoutes = all
      .filter((c) => c instanceof ec2.CfnTransitGatewayRoute)
      .filter((r) => r.destinationCidrBlock === '172.16.8.0/22');
    expect(staticRoutes.map((r) => tableSegment(r.transitGatewayRouteTableId)).sort()).toEqual([
      'non-production',
      'production',
      'shared',
    ]);
  });
});
