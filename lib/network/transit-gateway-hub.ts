import { RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ram from 'aws-cdk-lib/aws-ram';
import { Construct } from 'constructs';
import { pascal } from '../names';
import {
  ON_DEMAND_SEGMENTS,
  SEGMENTS,
  type OnDemandSegment,
  type Segment,
  type SegmentRouteTables,
} from './segmentation';

export interface TransitGatewayHubProps {
  /** Name from configuration; the Transit Gateway's Name tag is `<prefix>-<name>`. */
  readonly name: string;
  readonly namePrefix: string;
  readonly amazonSideAsn: number;
  /** Accounts the Transit Gateway is shared with through AWS RAM. */
  readonly shareWithAccounts: readonly string[];
  /** Blocks blackholed in every route table (the AWS address space). */
  readonly blackholeCidrs: readonly string[];
  /**
   * The on-demand segments that have something in them, whose route tables are created too, e.g.
   * `on-premises-low-trust` when a site has trust: low. @default - none
   */
  readonly onDemandSegments?: readonly OnDemandSegment[];
}

/**
 * The Transit Gateway and one route table per segment (an on-demand segment's only when asked
 * for). Automatic acceptance, association and
 * propagation are all off: every attachment's routing is declared explicitly, so a new attachment
 * reaches nothing until the configuration says it should.
 */
export class TransitGatewayHub extends Construct {
  readonly transitGateway: ec2.CfnTransitGateway;
  readonly routeTables: SegmentRouteTables<ec2.CfnTransitGatewayRouteTable>;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    const fullName = `${props.namePrefix}-${props.name}`;
    this.transitGateway = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      description: `${fullName} hub for the council landing zone`,
      amazonSideAsn: props.amazonSideAsn,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      multicastSupport: 'disable',
      tags: [{ key: 'Name', value: fullName }],
    });
    this.transitGateway.applyRemovalPolicy(RemovalPolicy.RETAIN);

    const tables: Partial<Record<Segment, ec2.CfnTransitGatewayRouteTable>> = {};
    const onDemand: readonly Segment[] = ON_DEMAND_SEGMENTS;
    const wanted: readonly Segment[] = props.onDemandSegments ?? [];
    const built = SEGMENTS.filter((segment) => !onDemand.includes(segment) || wanted.includes(segment));
    for (const segment of built) {
      const table = new ec2.CfnTransitGatewayRouteTable(this, `${pascal(segment)}RouteTable`, {
        transitGatewayId: this.transitGateway.ref,
      });
      Tags.of(table).add('Name', `${fullName}-${segment}`);
      props.blackholeCidrs.forEach((cidr) => {
        new ec2.CfnTransitGatewayRoute(table, `Blackhole${cidr.replace(/[./]/g, '-')}`, {
          transitGatewayRouteTableId: table.ref,
          destinationCidrBlock: cidr,
          blackhole: true,
        });
      });
      tables[segment] = table;
    }
    this.routeTables = {
      production: required(tables.production),
      'non-production': required(tables['non-production']),
      shared: required(tables.shared),
      egress: required(tables.egress),
      'on-premises': required(tables['on-premises']),
      ...(tables['on-premises-low-trust'] === undefined
        ? {}
        : { 'on-premises-low-trust': tables['on-premises-low-trust'] }),
    };

    if (props.shareWithAccounts.length > 0) {
      new ram.CfnResourceShare(this, 'Share', {
        name: `${fullName}-transit-gateway`,
        allowExternalPrincipals: false,
        principals: [...props.shareWithAccounts],
        resourceArns: [
          Stack.of(this).formatArn({
            service: 'ec2',
            resource: 'transit-gateway',
            resourceName: this.transitGateway.ref,
          }),
        ],
      });
    }
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new Error('every segment has a route table');
  }
  return value;
}
