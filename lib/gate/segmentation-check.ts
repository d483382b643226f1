import { TemplateSet } from '../analysis/templates';
import { TransitGatewayRouting, type Trace } from '../analysis/tgw-routing';
import { vpnAttachmentsBySite } from '../analysis/vpn-attachments';
import type { Assembly } from '../assembly/read';
import { parseTemplate } from '../assembly/template';
import type { LandingZoneConfig } from '../config/schema';
import { siteNetworks } from '../config/vpn-coverage';
import { parseCidr } from '../ipv4';
import { PROPAGATES_INTO, segmentOfSite, segmentOfVpc, type Segment } from '../network/segmentation';
import type { GateCheck } from './check';

/*
 * The segmentation proof over the synthesised routes: a packet from every VPC to a host in every
 * other VPC, and between every council site's VPN attachments and every VPC both ways, traced
 * through the Transit Gateway exactly as the templates declare it (associations, propagations,
 * static and blackhole routes, and the egress VPC's return routes, so a hairpin is followed). A
 * BGP site's routes are learned at run time, so the trace is told it announces its lanRanges (what
 * `lz ops vpn-status` holds it to). A path must exist exactly where the routing policy
 * (lib/network/segmentation.ts) allows one: a propagation added by hand, a lost blackhole, a
 * mis-associated attachment, or a low-trust site's routes in a production table fails.
 */

/** Whether traffic from an attachment of `from` may reach one of `to` under the policy. */
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

/** A place traffic starts from or is meant for: a VPC, or a council site over its VPN. */
interface Place {
  readonly label: string;
  readonly segment: Segment;
  /** Attachment resource keys: one for a VPC, one per device for a site. */
  readonly attachments: readonly string[];
  /** Hosts to send to, one per network. */
  readonly hosts: readonly string[];
  readonly isSite: boolean;
}

export function segmentationProblems(
  set: TemplateSet,
  config: LandingZoneConfig,
): { readonly traced: number; readonly problems: string[] } {
  const sites = config.connectivity?.sites ?? [];
  const sitesAttachments = vpnAttachmentsBySite(set);
  // What each site's devices announce (BGP) or are routed (static): the networks it carries.
  const advertised = new Map(
    sites.flatMap((site) =>
      (sitesAttachments.get(site.name) ?? []).map((key) => [key, siteNetworks(site)] as const),
    ),
  );
  const routing = new TransitGatewayRouting(set, advertised);
  const roleOf = new Map(config.accounts.map((a) => [a.name, a.role] as const));
  const problems: string[] = [];

  const vpcs: Place[] = [];
  for (const vpc of config.network.vpcs) {
    const attachment = routing.attachmentOfVpcCidr(vpc.cidr);
    const segment = segmentOfVpc(vpc.purpose, roleOf.get(vpc.account) ?? 'non-production');
    if (attachment === undefined) {
      problems.push(`VPC ${vpc.name} (${vpc.cidr}) has no Transit Gateway attachment in the templates`);
      continue;
    }
    const host = hostIn(vpc.cidr);
    vpcs.push({
      label: `${vpc.name} (${segment})`,
      segment,
      attachments: [attachment],
      hosts: host === undefined ? [] : [host],
      isSite: false,
    });
  }
  const sitePlaces: Place[] = [];
  for (const site of sites) {
    const segment = segmentOfSite(site.trust);
    const attachments = sitesAttachments.get(site.name) ?? [];
    if (attachments.length !== site.customerGateways.length) {
      problems.push(
        `site ${site.name} has ${site.customerGateways.length} device(s) but ${attachments.length} VPN attachment(s) in the templates`,
      );
    }
    sitePlaces.push({
      label: `site ${site.name} (${segment})`,
      segment,
      attachments,
      hosts: siteNetworks(site).flatMap((network) => hostIn(network) ?? []),
      isSite: true,
    });
  }

  const delivered = (trace: Trace, to: Place): boolean =>
    trace.result.kind === 'delivered' && to.attachments.includes(trace.result.attachment);
  let traced = 0;
  const places = [...vpcs, ...sitePlaces];
  for (const from of places) {
    for (const to of places) {
      // The egress VPC is reached by the default route, never by address; its own table holds returns.
      if (from === to || to.segment === 'egress') continue;
      // The egress VPC carries replies to every spoke VPC; it never sends to a site.
      const allowed = from.segment === 'egress' && !to.isSite ? true : policyAllows(from.segment, to.segment);
      for (const attachment of from.attachments) {
        for (const host of to.hosts) {
          traced += 1;
          const trace = routing.trace(attachment, host);
          const reached = delivered(trace, to);
          if (reached && !allowed) {
            problems.push(
              `${from.label} reaches ${host} in ${to.label} through ${trace.hops.join(' → ')}: ` +
                `the policy forbids ${from.segment} → ${to.segment}`,
            );
          } else if (!reached && allowed) {
            problems.push(
              `${from.label} cannot reach ${host} in ${to.label} (${trace.result.kind}): the policy allows it`,
            );
          }
        }
      }
    }
  }
  return { traced, problems };
}

export function segmentationCheck(assembly: Assembly, config: LandingZoneConfig): GateCheck {
  const set = new TemplateSet(assembly.stacks.map((s) => parseTemplate(s.stackName, s.template)));
  const { traced, problems } = segmentationProblems(set, config);
  return {
    id: 'segmentation',
    title: 'Segmentation proof over the synthesised Transit Gateway routes',
    status: problems.length === 0 ? 'pass' : 'fail',
    summary: `${traced} path(s) traced between VPCs and site VPNs, ${problems.length} against the routing policy`,
    problems,
    notes: [],
  };
}
