/*
 * A council site as the VPN constructs need it. The configuration's sites have this shape, so the
 * connectivity stack passes them straight through; the constructs do not depend on the YAML schema.
 */

/** One VPN device at a site. */
export interface VpnDevice {
  /** Stable name: construct IDs, alarm names and the connection's Name tag derive from it. */
  readonly name: string;
  /** The device's fixed public IPv4 address. */
  readonly publicIp: string;
  /** The device's own ASN, when it differs from the site's. @default - the site's routing ASN */
  readonly bgpAsn?: number;
  /** Fixed /30 blocks inside 169.254.0.0/16 for tunnel 1 and tunnel 2. @default - AWS picks them */
  readonly tunnelInsideCidrs?: readonly string[];
}

export interface VpnSiteRouting {
  /** bgp: the device advertises the site's networks; static: the prefixes are routed to it. */
  readonly type: 'bgp' | 'static';
  /** The site's ASN; required for bgp. @default - none */
  readonly asn?: number;
  /** The site's networks; required for static. @default - none */
  readonly prefixes?: readonly string[];
}

export interface VpnSite {
  /** Stable name: construct IDs, alarm names and secret names derive from it. */
  readonly name: string;
  /** What the site is, for alarm descriptions. */
  readonly description: string;
  readonly customerGateways: readonly VpnDevice[];
  readonly routing: VpnSiteRouting;
  /** Accelerated VPN over the AWS global network (changing it replaces the connections). @default false */
  readonly acceleration?: boolean;
  /** Mailboxes alerted about this site only, in addition to the central ones. @default - none */
  readonly alertEmails?: readonly string[];
  /**
   * `low`: the attachments are associated with the low-trust route table and their routes reach
   * only the segments PROPAGATES_INTO['on-premises-low-trust'] lists. @default 'standard'
   */
  readonly trust?: 'standard' | 'low';
  /**
   * `pending`: the connections keep the settings they were deployed with (DH groups 14 to 24, keys
   * stored by the VPN service) until the site's change window, because CloudFormation replaces a
   * VPN connection when either changes. @default 'applied'
   */
  readonly tunnelHardening?: 'applied' | 'pending';
  /**
   * The networks the site's router may announce: with BGP, a scheduled check alarms on any
   * propagated prefix outside them (AnnouncedPrefixCheck). @default - the site's announcements are not checked
   */
  readonly lanRanges?: readonly string[];
}
