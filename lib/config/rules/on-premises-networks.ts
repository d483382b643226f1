import { contains, findOverlaps, parseCidr, type Cidr } from '../../ipv4';
import type { ConfigRule } from './rule';

/**
 * A range's named networks are parts of it: each inside the range, none overlapping another, each
 * name used once in the range. A security group that admits `<range>/<network>` then admits no
 * more than the range would, and one address belongs to one network.
 */
export const onPremisesNetworks: ConfigRule = (view, report) => {
  for (const { index, value: range } of view.onPremisesRanges) {
    const outer = parseCidr(range.cidr);
    const parsed: { i: number; name: string; cidr: Cidr }[] = [];
    const seen = new Map<string, number>();
    range.networks.forEach((network, i) => {
      const path = ['network', 'onPremisesRanges', index, 'networks', i];
      const first = seen.get(network.name);
      if (first === undefined) {
        seen.set(network.name, i);
      } else {
        report(
          [...path, 'name'],
          `duplicate network name "${network.name}" in range ${range.name}`,
          'error',
          ['network', 'onPremisesRanges', index, 'networks', first, 'name'],
        );
      }
      const block = parseCidr(network.cidr);
      if (!block.ok) {
        report([...path, 'cidr'], block.error);
        return;
      }
      parsed.push({ i, name: network.name, cidr: block.cidr });
      if (outer.ok && !contains(outer.cidr, block.cidr)) {
        report(
          [...path, 'cidr'],
          `${network.cidr} is not inside range ${range.name} (${range.cidr}); a network is a part of its range`,
        );
      }
    });
    for (const [a, b] of findOverlaps(parsed, (n) => n.cidr)) {
      const later = a.i > b.i ? a : b;
      const earlier = later === a ? b : a;
      report(
        ['network', 'onPremisesRanges', index, 'networks', later.i, 'cidr'],
        `${later.cidr.text} overlaps network ${earlier.name} (${earlier.cidr.text}) of range ${range.name}`,
      );
    }
  }
};
