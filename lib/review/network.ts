import { tagValue as tag, type TemplateSet } from '../analysis/templates';
import { refsIn } from '../analysis/vpn-attachments';

/*
 * The network plan as the templates declare it (not as the configuration intends it), so the review
 * pack shows what will deploy: VPCs and their subnets, Transit Gateway route tables with their
 * associations, propagations, static routes and blackholes, and the site VPN connections.
 */

export interface SubnetView {
  readonly logicalId: string;
  readonly cidr: string;
  readonly tier: string;
  readonly zone: string;
}

export interface VpcView {
  /** "<stack>/<logicalId>": what route tables and routes refer to. */
  readonly key: string;
  readonly name: string;
  readonly stack: string;
  readonly cidr: string;
  readonly subnets: readonly SubnetView[];
}

export interface VpnView {
  readonly key: string;
  readonly name: string;
  readonly stack: string;
  readonly site: string;
  readonly customerGatewayIp: string;
  readonly bgpAsn: string;
  readonly staticRoutesOnly: boolean;
}

export interface RouteView {
  readonly cidr: string;
  /** Name of the VPC or VPN the route sends traffic to; absent for a blackhole. */
  readonly target?: string;
  readonly blackhole: boolean;
}

export interface RouteTableView {
  readonly key: string;
  readonly name: string;
  /** Names of the VPCs and VPNs whose attachment is associated with (routes through) this table. */
  readonly associations: readonly string[];
  /** Names of the VPCs and VPNs whose routes are propagated into this table. */
  readonly propagations: readonly string[];
  readonly routes: readonly RouteView[];
}

export interface NetworkView {
  readonly vpcs: readonly VpcView[];
  readonly vpns: readonly VpnView[];
  readonly routeTables: readonly RouteTableView[];
  /** Attachments the templates reference but that could not be traced to a VPC or VPN. */
  readonly unresolved: number;
}

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '(not a literal)';

export function networkView(set: TemplateSet): NetworkView {
  const nameOf = new Map<string, string>();
  const vpcs = set.ofType('AWS::EC2::VPC').map((vpc): VpcView => {
    const name = tag(vpc, 'Name') ?? vpc.logicalId;
    nameOf.set(vpc.key, name);
    return { key: vpc.key, name, stack: vpc.stack, cidr: text(set.prop(vpc, 'CidrBlock')), subnets: [] };
  });
  const subnetsOf = new Map<string, SubnetView[]>();
  for (const subnet of set.ofType('AWS::EC2::Subnet')) {
    const vpc = set.target(subnet.stack, set.prop(subnet, 'VpcId'));
    if (!vpc) {
      continue;
    }
    subnetsOf.set(vpc.key, [
      ...(subnetsOf.get(vpc.key) ?? []),
      {
        logicalId: subnet.logicalId,
        cidr: text(set.prop(subnet, 'CidrBlock')),
        tier: tag(subnet, 'aws-cdk:subnet-name') ?? tag(subnet, 'Name') ?? subnet.logicalId,
        zone: text(set.prop(subnet, 'AvailabilityZone')),
      },
    ]);
  }
  const vpcViews = vpcs.map((v) => ({
    ...v,
    subnets: (subnetsOf.get(v.key) ?? []).sort(
      (a, b) => a.tier.localeCompare(b.tier) || a.zone.localeCompare(b.zone),
    ),
  }));

  const vpns = set.ofType('AWS::EC2::VPNConnection').map((vpn): VpnView => {
    const name = tag(vpn, 'Name') ?? vpn.logicalId;
    nameOf.set(vpn.key, name);
    const cgw = set.target(vpn.stack, set.prop(vpn, 'CustomerGatewayId'));
    return {
      key: vpn.key,
      name,
      stack: vpn.stack,
      site: tag(vpn, 'site') ?? '',
      customerGatewayIp: cgw ? text(set.prop(cgw, 'IpAddress')) : '(not in the templates)',
      bgpAsn: cgw && set.prop(cgw, 'BgpAsn') !== undefined ? text(set.prop(cgw, 'BgpAsn')) : 'static',
      staticRoutesOnly: set.prop(vpn, 'StaticRoutesOnly') === true,
    };
  });

  // An attachment is a VPC attachment, or a lookup of a VPN connection's attachment id.
  let unresolved = 0;
  const attachmentName = (stack: string, value: unknown): string | undefined => {
    const att = set.target(stack, value);
    if (!att) {
      return undefined;
    }
    if (att.resource.Type === 'AWS::EC2::TransitGatewayVpcAttachment') {
      const vpc = set.target(att.stack, set.prop(att, 'VpcId'));
      return vpc ? nameOf.get(vpc.key) : undefined;
    }
    if (att.resource.Type === 'AWS::EC2::VPNConnection') {
      return nameOf.get(att.key);
    }
    for (const id of refsIn(att.resource.Properties)) {
      const vpn = set.get(`${att.stack}/${id}`);
      if (vpn?.resource.Type === 'AWS::EC2::VPNConnection') {
        return nameOf.get(vpn.key);
      }
    }
    return undefined;
  };
  const tables = new Map<
    string,
    { name: string; associations: string[]; propagations: string[]; routes: RouteView[] }
  >();
  for (const rt of set.ofType('AWS::EC2::TransitGatewayRouteTable')) {
    tables.set(rt.key, {
      name: tag(rt, 'Name') ?? rt.logicalId,
      associations: [],
      propagations: [],
      routes: [],
    });
  }
  const link = (type: string, list: 'associations' | 'propagations'): void => {
    for (const r of set.ofType(type)) {
      const table = set.target(r.stack, set.prop(r, 'TransitGatewayRouteTableId'));
      const entry = table ? tables.get(table.key) : undefined;
      const name = attachmentName(r.stack, set.prop(r, 'TransitGatewayAttachmentId'));
      if (!entry || name === undefined) {
        unresolved += 1;
        continue;
      }
      entry[list].push(name);
    }
  };
  link('AWS::EC2::TransitGatewayRouteTableAssociation', 'associations');
  link('AWS::EC2::TransitGatewayRouteTablePropagation', 'propagations');
  for (const r of set.ofType('AWS::EC2::TransitGatewayRoute')) {
    const table = set.target(r.stack, set.prop(r, 'TransitGatewayRouteTableId'));
    const entry = table ? tables.get(table.key) : undefined;
    if (!entry) {
      unresolved += 1;
      continue;
    }
    const blackhole = set.prop(r, 'Blackhole') === true;
    const target = blackhole ? undefined : attachmentName(r.stack, set.prop(r, 'TransitGatewayAttachmentId'));
    entry.routes.push({
      cidr: text(set.prop(r, 'DestinationCidrBlock')),
      blackhole,
      ...(target ? { target } : {}),
    });
  }
  const sorted = (list: string[]) => [...list].sort();
  return {
    vpcs: vpcViews,
    vpns,
    routeTables: [...tables.entries()].map(([key, t]) => ({
      key,
      name: t.name,
      associations: sorted(t.associations),
      propagations: sorted(t.propagations),
      routes: t.routes.sort((a, b) => a.cidr.localeCompare(b.cidr)),
    })),
    unresolved,
  };
}
