import { containsAddress, parseCidr, parseIpv4, type Cidr } from '../ipv4';
import type { ResourceRef, TemplateSet } from './templates';

export type Hop =
  | { readonly kind: 'delivered'; readonly attachment: string }
  | { readonly kind: 'blackhole'; readonly routeTable: string; readonly cidr: string }
  | { readonly kind: 'no-route'; readonly routeTable: string }
  | { readonly kind: 'not-associated'; readonly attachment: string }
  | { readonly kind: 'leaves-vpc'; readonly attachment: string };

export interface Trace {
  readonly hops: string[];
  readonly result: Hop;
}

interface Route {
  readonly cidr: Cidr;
  readonly attachment?: string;
  readonly blackhole: boolean;
  readonly static: boolean;
}

/**
 * Follows a packet through the Transit Gateway as CloudFormation declares it: the source
 * attachment's associated route table, longest-prefix match over static and propagated routes
 * (static wins a tie, as in AWS), and on into a VPC that sends it back to the hub (the egress VPC's
 * return routes), so a path that hairpins through central egress is found too.
 */
export class TransitGatewayRouting {
  private readonly associations = new Map<string, string>();
  private readonly routes = new Map<string, Route[]>();
  private readonly vpcOfAttachment = new Map<string, ResourceRef>();
  private readonly vpcCidr = new Map<string, Cidr>();
  private readonly hubRoutesOfVpc = new Map<string, Cidr[]>();
  readonly attachmentNames = new Map<string, string>();

  /**
   * @param advertised CIDRs an attachment announces that the templates cannot show (e.g. BGP routes
   *   from a VPN), keyed by attachment resource key.
   */
  constructor(set: TemplateSet, advertised: ReadonlyMap<string, readonly string[]> = new Map()) {
    for (const vpc of set.ofType('AWS::EC2::VPC')) {
      const block = parseCidr(String(set.prop(vpc, 'CidrBlock')));
      if (block.ok) {
        this.vpcCidr.set(vpc.key, block.cidr);
      }
    }
    for (const att of set.ofType('AWS::EC2::TransitGatewayVpcAttachment')) {
      const vpc = set.target(att.stack, set.prop(att, 'VpcId'));
      if (vpc) {
        this.vpcOfAttachment.set(att.key, vpc);
        this.attachmentNames.set(att.key, vpc.key);
      }
    }
    for (const route of set.ofType('AWS::EC2::Route')) {
      if (set.prop(route, 'TransitGatewayId') === undefined) {
        continue;
      }
      const table = set.target(route.stack, set.prop(route, 'RouteTableId'));
      const vpc = table ? set.target(table.stack, set.prop(table, 'VpcId')) : undefined;
      const block = parseCidr(String(set.prop(route, 'DestinationCidrBlock')));
      if (vpc && block.ok) {
        this.hubRoutesOfVpc.set(vpc.key, [...(this.hubRoutesOfVpc.get(vpc.key) ?? []), block.cidr]);
      }
    }
    for (const assoc of set.ofType('AWS::EC2::TransitGatewayRouteTableAssociation')) {
      const att = set.target(assoc.stack, set.prop(assoc, 'TransitGatewayAttachmentId'));
      const table = set.target(assoc.stack, set.prop(assoc, 'TransitGatewayRouteTableId'));
      if (att && table) {
        this.associations.set(att.key, table.key);
      }
    }
    for (const prop of set.ofType('AWS::EC2::TransitGatewayRouteTablePropagation')) {
      const att = set.target(prop.stack, set.prop(prop, 'TransitGatewayAttachmentId'));
      const table = set.target(prop.stack, set.prop(prop, 'TransitGatewayRouteTableId'));
      if (!att || !table) {
        continue;
      }
      const vpc = this.vpcOfAttachment.get(att.key);
      const vpcBlock = vpc ? this.vpcCidr.get(vpc.key) : undefined;
      const blocks = vpcBlock
        ? [vpcBlock]
        : (advertised.get(att.key) ?? []).flatMap((t) => {
            const p = parseCidr(t);
            return p.ok ? [p.cidr] : [];
          });
      for (const cidr of blocks) {
        this.addRoute(table.key, { cidr, attachment: att.key, blackhole: false, static: false });
      }
    }
    for (const r of set.ofType('AWS::EC2::TransitGatewayRoute')) {
      const table = set.target(r.stack, set.prop(r, 'TransitGatewayRouteTableId'));
      const block = parseCidr(String(set.prop(r, 'DestinationCidrBlock')));
      if (!table || !block.ok) {
        continue;
      }
      const att = set.target(r.stack, set.prop(r, 'TransitGatewayAttachmentId'));
      this.addRoute(table.key, {
        cidr: block.cidr,
        attachment: att?.key,
        blackhole: set.prop(r, 'Blackhole') === true,
        static: true,
      });
    }
  }

  /** The attachment of the VPC whose VPC resource key ends with `/<suffix>` or that has this CIDR. */
  attachmentOfVpcCidr(vpcCidr: string): string | undefined {
    for (const [att, vpc] of this.vpcOfAttachment) {
      if (this.vpcCidr.get(vpc.key)?.text === vpcCidr) {
        return att;
      }
    }
    return undefined;
  }

  routeTableOf(attachment: string): string | undefined {
    return this.associations.get(attachment);
  }

  lookup(routeTable: string, address: number): Route | undefined {
    let best: Route | undefined;
    for (const route of this.routes.get(routeTable) ?? []) {
      if (!containsAddress(route.cidr, address)) {
        continue;
      }
      if (
        !best ||
        route.cidr.prefix > best.cidr.prefix ||
        (route.cidr.prefix === best.cidr.prefix && route.static && !best.static)
      ) {
        best = route;
      }
    }
    return best;
  }

  /** Where a packet from `fromAttachment` to `destination` ends up. */
  trace(fromAttachment: string, destination: string): Trace {
    const address = parseIpv4(destination);
    if (address === undefined) {
      throw new Error(`not an IPv4 address: ${destination}`);
    }
    const hops: string[] = [];
    let current = fromAttachment;
    for (let i = 0; i < 8; i++) {
      const table = this.associations.get(current);
      if (!table) {
        return { hops, result: { kind: 'not-associated', attachment: current } };
      }
      hops.push(table);
      const route = this.lookup(table, address);
      if (!route) {
        return { hops, result: { kind: 'no-route', routeTable: table } };
      }
      if (route.blackhole || !route.attachment) {
        return { hops, result: { kind: 'blackhole', routeTable: table, cidr: route.cidr.text } };
      }
      hops.push(route.attachment);
      const vpc = this.vpcOfAttachment.get(route.attachment);
      const vpcBlock = vpc ? this.vpcCidr.get(vpc.key) : undefined;
      if (!vpc || (vpcBlock && containsAddress(vpcBlock, address))) {
        return { hops, result: { kind: 'delivered', attachment: route.attachment } };
      }
      const backToHub = (this.hubRoutesOfVpc.get(vpc.key) ?? []).some((c) => containsAddress(c, address));
      if (!backToHub) {
        return { hops, result: { kind: 'leaves-vpc', attachment: route.attachment } };
      }
      current = route.attachment;
    }
    return { hops, result: { kind: 'no-route', routeTable: 'routing loop' } };
  }

  private addRoute(table: string, route: Route): void {
    this.routes.set(table, [...(this.routes.get(table) ?? []), route]);
  }
}
