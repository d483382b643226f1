import { Tags, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { pascal, TAGS } from '../names';
import {
  PROPAGATES_INTO,
  routeTableOf,
  segmentOfSite,
  type SegmentRouteTables,
} from '../network/segmentation';
import { TunnelPreSharedKey } from './tunnel-pre-shared-key';
import {
  DEPLOYED_DH_GROUPS,
  STRONG_TUNNEL_CRYPTO,
  TUNNEL_HARDENING_METADATA,
  tunnelOptions,
  type TunnelCrypto,
} from './tunnel-options';
import type { VpnDevice, VpnSite } from './vpn-site';
import { VpnAttachmentId } from './vpn-attachment-id';

/**
 * The Name tag of a site device's customer gateway and VPN connection: `<prefix>-<site>-<device>`.
 * `lz ops vpn-status` matches live connections to the configuration by it.
 */
export function siteVpnName(namePrefix: string, siteName: string, gatewayName: string): string {
  return `${namePrefix}-${siteName}-${gatewayName}`;
}

export interface SiteVpnProps {
  readonly site: VpnSite;
  readonly namePrefix: string;
  readonly transitGatewayId: string;
  readonly routeTables: SegmentRouteTables<ec2.CfnTransitGatewayRouteTable>;
  /** Customer-managed key for the pre-shared key secrets. */
  readonly secretsKey: kms.IKey;
  /** Log group ARN (without `:*`) for tunnel IKE and BGP logs. */
  readonly tunnelLogGroupArn: string;
  /** Log group of the deploy-time attachment lookup. */
  readonly lookupLogGroup: logs.ILogGroup;
  /** IKE and IPsec settings of both tunnels. @default STRONG_TUNNEL_CRYPTO */
  readonly tunnelCrypto?: TunnelCrypto;
}

/** One device's VPN connection, as the monitoring and tests need it. */
export interface SiteVpnConnection {
  readonly gateway: VpnDevice;
  readonly customerGateway: ec2.CfnCustomerGateway;
  readonly connection: ec2.CfnVPNConnection;
  readonly attachmentId: string;
  readonly preSharedKeys: readonly [TunnelPreSharedKey, TunnelPreSharedKey];
}

/** The largest ASN CloudFormation's BgpAsn takes; larger (4-byte private) ASNs go in BgpAsnExtended. */
const MAX_BGP_ASN = 2147483647;

/**
 * A council site's VPNs into the Transit Gateway: per device a customer gateway and a VPN
 * connection whose two tunnels are both configured explicitly (strong crypto, logging, a
 * generated pre-shared key each). Each VPN attachment is associated with its site's segment's
 * route table (on-premises, or on-premises-low-trust for a site with trust: low) and its routes
 * reach exactly the segments PROPAGATES_INTO lists for that segment: propagated by BGP, or as
 * static routes for a site without BGP. Logical IDs do not depend on the segment.
 */
export class SiteVpn extends Construct {
  readonly connections: readonly SiteVpnConnection[];

  constructor(scope: Construct, id: string, props: SiteVpnProps) {
    super(scope, id);
    const { site } = props;
    const isStatic = site.routing.type === 'static';
    if (isStatic && (site.routing.prefixes ?? []).length === 0) {
      throw new Error(
        `site ${site.name}: static routing needs prefixes (the configuration should have been validated)`,
      );
    }
    if (isStatic && site.customerGateways.length > 1) {
      throw new Error(
        `site ${site.name}: static routing supports one device (the configuration should have been validated)`,
      );
    }
    if (!isStatic && site.routing.asn === undefined) {
      throw new Error(
        `site ${site.name}: bgp routing needs an asn (the configuration should have been validated)`,
      );
    }
    this.connections = site.customerGateways.map((gateway) => this.addConnection(props, gateway));
  }

  private addConnection(props: SiteVpnProps, gateway: VpnDevice): SiteVpnConnection {
    const { site, namePrefix } = props;
    const isStatic = site.routing.type === 'static';
    const scope = new Construct(this, pascal(gateway.name));
    const fullName = siteVpnName(namePrefix, site.name, gateway.name);

    const asn = isStatic ? undefined : (gateway.bgpAsn ?? site.routing.asn);
    const customerGateway = new ec2.CfnCustomerGateway(scope, 'CustomerGateway', {
      type: 'ipsec.1',
      ipAddress: gateway.publicIp,
      deviceName: gateway.name,
      ...(asn === undefined ? {} : asn > MAX_BGP_ASN ? { bgpAsnExtended: asn } : { bgpAsn: asn }),
      tags: [{ key: 'Name', value: fullName }],
    });

    const keys = [1, 2].map(
      (tunnel) =>
        new TunnelPreSharedKey(scope, `Tunnel${tunnel}PreSharedKey`, {
          secretName: `${namePrefix}/vpn/${site.name}/${gateway.name}/tunnel-${tunnel}`,
          description: `IKE pre-shared key for tunnel ${tunnel} of the ${site.name} ${gateway.name} VPN`,
          encryptionKey: props.secretsKey,
        }),
    ) as [TunnelPreSharedKey, TunnelPreSharedKey];

    // A pending site keeps what it was deployed with until its change window: CloudFormation
    // replaces a VPN connection when its tunnel options or key storage change, which gives it new
    // outside addresses and drops the site until its router is reconfigured.
    const pending = site.tunnelHardening === 'pending';
    const baseCrypto = props.tunnelCrypto ?? STRONG_TUNNEL_CRYPTO;
    const crypto: TunnelCrypto = pending
      ? { ...baseCrypto, phase1DhGroupNumbers: DEPLOYED_DH_GROUPS, phase2DhGroupNumbers: DEPLOYED_DH_GROUPS }
      : baseCrypto;
    const connection = new ec2.CfnVPNConnection(scope, 'Connection', {
      type: 'ipsec.1',
      customerGatewayId: customerGateway.ref,
      transitGatewayId: props.transitGatewayId,
      staticRoutesOnly: isStatic,
      enableAcceleration: site.acceleration ?? false,
      tunnelInsideIpVersion: 'ipv4',
      // The VPN service would otherwise keep the keys itself and return them in clear to anyone
      // allowed ec2:DescribeVpnConnections; in Secrets Manager they are read only by whoever the
      // secret's key and IAM allow.
      ...(pending ? {} : { preSharedKeyStorage: 'SecretsManager' }),
      vpnTunnelOptionsSpecifications: keys.map((key, i) =>
        tunnelOptions({
          preSharedKey: key.dynamicReference,
          tunnelInsideCidr: gateway.tunnelInsideCidrs?.[i],
          logGroupArn: props.tunnelLogGroupArn,
          bgpLogging: !isStatic,
          crypto,
        }),
      ),
      tags: [{ key: 'Name', value: fullName }],
    });
    Tags.of(connection).add(TAGS.site, site.name);
    if (pending) {
      // Council-VPNTunnelStrongCrypto exempts exactly the deployed DH groups of a connection that
      // says this, and nothing else: a weaker cipher, integrity or IKE version still fails.
      connection.addMetadata(TUNNEL_HARDENING_METADATA, 'pending');
      Validations.of(connection).acknowledge({
        id: 'Council::Council-VPNPreSharedKeyInSecretsManager',
        reason:
          `Site ${site.name} has connectivity tunnelHardening: pending (a validation warning on every run): its ` +
          'connection keeps its pre-shared keys in the VPN service, as it was deployed, until the change window in which its router is ' +
          'reconfigured, because CloudFormation replaces a VPN connection, with new outside IP addresses, when its ' +
          'key storage changes. Set it to applied in that window.',
      });
    }

    const attachmentId = new VpnAttachmentId(scope, 'AttachmentId', {
      vpnConnectionId: connection.ref,
      transitGatewayId: props.transitGatewayId,
      logGroup: props.lookupLogGroup,
    }).attachmentId;

    const segment = segmentOfSite(site.trust);
    new ec2.CfnTransitGatewayRouteTableAssociation(scope, 'Association', {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: routeTableOf(props.routeTables, segment).ref,
    });
    for (const target of PROPAGATES_INTO[segment]) {
      const table = routeTableOf(props.routeTables, target);
      if (isStatic) {
        // A static VPN advertises nothing to propagate; its prefixes are written into the same tables.
        for (const prefix of site.routing.prefixes ?? []) {
          new ec2.CfnTransitGatewayRoute(scope, `${pascal(target)}RouteTo${prefix.replace(/[./]/g, '-')}`, {
            transitGatewayRouteTableId: table.ref,
            destinationCidrBlock: prefix,
            transitGatewayAttachmentId: attachmentId,
          });
        }
      } else {
        new ec2.CfnTransitGatewayRouteTablePropagation(scope, `PropagationTo${pascal(target)}`, {
          transitGatewayAttachmentId: attachmentId,
          transitGatewayRouteTableId: table.ref,
        });
      }
    }
    return { gateway, customerGateway, connection, attachmentId, preSharedKeys: keys };
  }
}
