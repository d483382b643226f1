import { TAGS } from '../names';
import { tagValue, type TemplateSet } from './templates';

/** Every `{ Ref: X }` inside a value: how a lookup custom resource names the VPN it describes. */
export function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((v) => refsIn(v, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Ref' && typeof v === 'string') {
        out.push(v);
      } else {
        refsIn(v, out);
      }
    }
  }
  return out;
}

/**
 * The Transit Gateway attachment of each site VPN connection, by the connection's `site` tag. A
 * VPN attachment is not a CloudFormation resource: associations, propagations and routes name the
 * deploy-time lookup of its ID (lib/connectivity/vpn-attachment-id.ts), whose call names the VPN
 * connection, so the lookup's resource key stands for the attachment (as TransitGatewayRouting
 * keys it).
 */
export function vpnAttachmentsBySite(set: TemplateSet): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const lookup of set.ofType('Custom::VpnTransitGatewayAttachment')) {
    const connection = refsIn(lookup.resource.Properties)
      .map((id) => set.get(`${lookup.stack}/${id}`))
      .find((r) => r?.resource.Type === 'AWS::EC2::VPNConnection');
    const site = connection === undefined ? undefined : tagValue(connection, TAGS.site);
    if (site === undefined) continue;
    out.set(site, [...(out.get(site) ?? []), lookup.key].sort());
  }
  return out;
}
