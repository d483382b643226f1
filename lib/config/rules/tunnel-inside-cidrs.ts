import { contains, cidr, overlaps, parseCidr, type Cidr } from '../../ipv4';
import type { PathSegment } from '../diagnostics';
import type { ConfigRule } from './rule';

const LINK_LOCAL = cidr('169.254.0.0/16');

/** Blocks AWS keeps for itself; a VPN connection that asks for one is rejected at deploy time. */
export const AWS_RESERVED_INSIDE_CIDRS: readonly string[] = [
  '169.254.0.0/30',
  '169.254.1.0/30',
  '169.254.2.0/30',
  '169.254.3.0/30',
  '169.254.4.0/30',
  '169.254.5.0/30',
  '169.254.169.252/30',
];
const RESERVED = AWS_RESERVED_INSIDE_CIDRS.map(cidr);

/**
 * Tunnel inside addresses are the BGP peering link: a /30 in 169.254.0.0/16, outside AWS's
 * reserved blocks, and unique across every tunnel on the Transit Gateway, which checks all of
 * them at once here rather than failing one VPN connection at a time during a deployment.
 */
export const tunnelInsideCidrs: ConfigRule = (view, report) => {
  const seen: { block: Cidr; where: string }[] = [];
  for (const { index, value: site } of view.sites) {
    site.customerGateways.forEach((gateway, g) => {
      (gateway.tunnelInsideCidrs ?? []).forEach((text, t) => {
        const path: PathSegment[] = [
          'connectivity',
          'sites',
          index,
          'customerGateways',
          g,
          'tunnelInsideCidrs',
          t,
        ];
        const parsed = parseCidr(text);
        if (!parsed.ok) {
          report(path, parsed.error);
          return;
        }
        const block = parsed.cidr;
        if (block.prefix !== 30) {
          report(path, `${text} is a /${block.prefix}; a tunnel inside block must be a /30`);
          return;
        }
        if (!contains(LINK_LOCAL, block)) {
          report(path, `${text} is outside 169.254.0.0/16; tunnel inside blocks are link-local`);
          return;
        }
        const reserved = RESERVED.find((r) => overlaps(r, block));
        if (reserved) {
          report(path, `${text} is reserved by AWS (${reserved.text}); choose another /30 in 169.254.0.0/16`);
          return;
        }
        const where = `${site.name}/${gateway.name} tunnel ${t + 1}`;
        const clash = seen.find((s) => overlaps(s.block, block));
        if (clash) {
          report(path, `${text} is already used by ${clash.where}; every tunnel needs its own inside block`);
          return;
        }
        seen.push({ block, where });
      });
    });
  }
};
