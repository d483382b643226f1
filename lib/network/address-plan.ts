import { contains, findOverlaps, makeCidr, overlaps, parseCidr, type Cidr } from '../ipv4';

export type SubnetType = 'public' | 'private' | 'isolated' | 'transit' | 'firewall';

/** One subnet per availability zone, of one kind: what the address plan lays out. */
export interface SubnetTier {
  readonly name: string;
  readonly type: SubnetType;
  /** Prefix length of each subnet. */
  readonly cidrMask: number;
  /** Explicit blocks, one per availability zone in order. @default - allocated in tier order */
  readonly cidrs?: readonly string[];
}

export interface PlannedSubnet {
  readonly tier: string;
  readonly type: SubnetType;
  readonly availabilityZone: string;
  readonly cidr: Cidr;
  /** Index of the tier in the VPC's `subnets` list, for error paths. */
  readonly tierIndex: number;
}

export interface PlanProblem {
  /** Path relative to the VPC, e.g. ['subnets', 1, 'cidrs', 0]. */
  readonly path: (string | number)[];
  readonly message: string;
}

export interface SubnetPlan {
  readonly subnets: PlannedSubnet[];
  readonly problems: PlanProblem[];
}

/**
 * Lays out one subnet per tier per availability zone inside a VPC. Explicit blocks are honoured;
 * the rest are allocated in tier order at the next free block aligned to its size, which is the
 * same rule a network engineer follows on paper, so the plan is predictable and stable when tiers
 * are appended.
 */
export function planSubnets(
  vpcCidr: Cidr,
  tiers: readonly SubnetTier[],
  availabilityZones: readonly string[],
): SubnetPlan {
  const problems: PlanProblem[] = [];
  const subnets: PlannedSubnet[] = [];
  const reserved: Cidr[] = [];

  tiers.forEach((tier, tierIndex) => {
    if (tier.cidrs === undefined) {
      return;
    }
    if (tier.cidrs.length !== availabilityZones.length) {
      problems.push({
        path: ['subnets', tierIndex, 'cidrs'],
        message: `lists ${tier.cidrs.length} block(s) but the VPC spans ${availabilityZones.length} availability zone(s); give one per zone`,
      });
    }
    tier.cidrs.forEach((text, i) => {
      const parsed = parseCidr(text);
      const path = ['subnets', tierIndex, 'cidrs', i];
      if (!parsed.ok) {
        problems.push({ path, message: parsed.error });
        return;
      }
      if (parsed.cidr.prefix !== tier.cidrMask) {
        problems.push({
          path,
          message: `${text} is a /${parsed.cidr.prefix} but the tier's cidrMask is ${tier.cidrMask}`,
        });
      }
      if (!contains(vpcCidr, parsed.cidr)) {
        problems.push({ path, message: `${text} does not fit inside the VPC block ${vpcCidr.text}` });
        return;
      }
      const az = availabilityZones[i];
      if (az !== undefined) {
        reserved.push(parsed.cidr);
        subnets.push({
          tier: tier.name,
          type: tier.type,
          availabilityZone: az,
          cidr: parsed.cidr,
          tierIndex,
        });
      }
    });
  });

  let cursor = vpcCidr.network;
  const end = vpcCidr.network + vpcCidr.size;
  const autoTiers = tiers
    .map((tier, tierIndex) => ({ tier, tierIndex }))
    .filter(({ tier }) => tier.cidrs === undefined);
  for (const { tier, tierIndex } of autoTiers) {
    if (tier.cidrMask < vpcCidr.prefix) {
      problems.push({
        path: ['subnets', tierIndex, 'cidrMask'],
        message: `/${tier.cidrMask} subnets are larger than the VPC block ${vpcCidr.text}`,
      });
      return { subnets, problems };
    }
    const size = 2 ** (32 - tier.cidrMask);
    for (const az of availabilityZones) {
      let start = Math.ceil(cursor / size) * size;
      for (;;) {
        const candidate = makeCidr(start, tier.cidrMask);
        const clash = reserved.find((r) => overlaps(r, candidate));
        if (!clash) {
          break;
        }
        start = Math.ceil((clash.network + clash.size) / size) * size;
      }
      if (start + size > end) {
        // One message for the first tier that overflows: the later ones would only repeat it.
        const needed = autoTiers.reduce(
          (sum, t) => sum + availabilityZones.length * 2 ** (32 - t.tier.cidrMask),
          0,
        );
        problems.push({
          path: ['subnets', tierIndex, 'cidrMask'],
          message:
            `tier "${tier.name}" does not fit: the tiers need ${needed} addresses ` +
            `(${availabilityZones.length} zones x ${autoTiers.map((t) => `/${t.tier.cidrMask}`).join(' + ')}) ` +
            `but ${vpcCidr.text} holds ${vpcCidr.size}`,
        });
        return { subnets, problems };
      }
      const block = makeCidr(start, tier.cidrMask);
      reserved.push(block);
      subnets.push({ tier: tier.name, type: tier.type, availabilityZone: az, cidr: block, tierIndex });
      cursor = start + size;
    }
  }

  for (const [a, b] of findOverlaps(
    subnets.filter((s) => tiers[s.tierIndex]?.cidrs !== undefined),
    (s) => s.cidr,
  )) {
    const second =
      a.tierIndex > b.tierIndex || (a.tierIndex === b.tierIndex && a.cidr.network > b.cidr.network) ? a : b;
    const first = second === a ? b : a;
    const index = tiers[second.tierIndex]?.cidrs?.indexOf(second.cidr.text) ?? 0;
    problems.push({
      path: ['subnets', second.tierIndex, 'cidrs', index],
      message: `${second.cidr.text} (${second.tier}, ${second.availabilityZone}) overlaps ${first.cidr.text} (${first.tier}, ${first.availabilityZone})`,
    });
  }

  return { subnets, problems };
}
