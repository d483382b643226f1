import { TemplateSet } from '../analysis/templates';
import { TransitGatewayRouting } from '../analysis/tgw-routing';
import type { Assembly } from '../assembly/read';
import { parseTemplate } from '../assembly/template';
import type { LandingZoneConfig } from '../config/schema';
import { parseCidr } from '../ipv4';
import { PROPAGATES_INTO, segmentOfVpc, type Segment } from '../network/segmentation';
import type { GateCheck } from './check';

/*
 * The segmentation proof over the synthesised routes: a packet from every VPC to a host in every
 * other VPC, traced through the Transit Gateway exactly as the templates declare it (associations,
 * propagations, static and blackhole routes, and the egress VPC's return routes, so a hairpin is
 * followed). A path must exist exactly where the routing policy (lib/network/segmentation.ts)
 * allows one. A propagation added by hand, a lost blackhole or a mis-associated attachment fails.
 */

/** Whether traffic from a VPC of `from` may reach a VPC of `to` under the policy. */
export function policyAllows(from: Segment, to: Segment): boolean {
  return PROPAGATES_INTO[to].includes(from);
}

/** A host address well inside a block (its tenth address), as the trace's destination. */
function hostIn(cidr: string): string | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed.ok) return undefined;
  const n = parsed.cidr.network + 10;
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
}

export function segmentationCheck(assembly: Assembly, config: LandingZoneConfig): GateCheck {
  const routing = new TransitGatewayRouting(
    new TemplateSet(assembly.stacks.map((s) => parseTemplate(s.stackName, s.template))),
  );
  const roleOf = new Map(config.accounts.map((a) => [a.name, a.role] as const));
  const vpcs = config.network.vpcs.map((vpc) => ({
    name: vpc.name,
    cidr: vpc.cidr,
    segment: segmentOfVpc(vpc.purpose, roleOf.get(vpc.account) ?? 'non-production'),
    attachment: routing.attachmentOfVpcCidr(vpc.cidr),
  }));
  const problems: string[] = [];
  for (const vpc of vpcs.filter((v) => v.attachment === undefined)) {
    problems.push(`VPC ${vpc.name} (${vpc.cidr}) has no Transit Gateway attachment in the templates`);
  }
  let traced = 0;
  for (const from of vpcs) {
    for (const to of vpcs) {
      const host = hostIn(to.cidr);
      if (from === to || from.attachment === undefined || to.attachment === undefined || host === undefined) {
        continue;
      }
      // The egress VPC is reached by the default route, never by address; its own table holds returns.
      if (to.segment === 'egress') continue;
      traced += 1;
      const trace = routing.trace(from.attachment, host);
      const delivered = trace.result.kind === 'delivered' && trace.result.attachment === to.attachment;
      const allowed = from.segment === 'egress' || policyAllows(from.segment, to.segment);
      if (delivered && !allowed) {
        problems.push(
          `${from.name} (${from.segment}) reaches ${host} in ${to.name} (${to.segment}) through ${trace.hops.join(' → ')}: ` +
            `the policy forbids ${from.segment} → ${to.segment}`,
        );
      } else if (!delivered && allowed) {
        problems.push(
          `${from.name} (${from.segment}) cannot reach ${host} in ${to.name} (${to.segment}) (${trace.result.kind}): the policy allows it`,
        );
      }
    }
  }
  return {
    id: 'segmentation',
    title: 'Segmentation proof over the synthesised Transit Gateway routes',
    status: problems.length === 0 ? 'pass' : 'fail',
    summary: `${traced} VPC-to-VPC path(s) traced, ${problems.length} against the routing policy`,
    problems,
    notes: [],
  };
}
