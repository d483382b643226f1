import { rangeCoverage } from '../../config/vpn-coverage';
import type { SiteConfig } from '../../config/schema-connectivity';
import { connects, SEGMENTS, segmentOfSite, segmentOfVpc } from '../../network/segmentation';
import type { WaveRule } from './rule';

/**
 * A site with trust: low reaches only the segments lib/network/segmentation.ts connects its
 * segment to (the shared services), whatever a wave file says. A workload in another segment that
 * counts on such sites is cut off: users whose only VPN is a low-trust site (access[].from), a
 * dependency kept reachable only through one (reachableVia), or servers and databases at one
 * (site: MGN replicates and DMS reads over that site's VPN). Ranges no site carries at all are
 * the vpn-reachability rule's.
 */
export const lowTrustSites: WaveRule = (plan, report) => {
  for (const w of plan.workloads) {
    const { vpc, account, site } = w.target;
    if (vpc === undefined || account === undefined) continue;
    const segment = segmentOfVpc(vpc.purpose, account.role);
    const cutOff = (sites: readonly SiteConfig[]): boolean =>
      sites.length > 0 && sites.every((s) => !connects(segmentOfSite(s.trust), segment));
    const why = (sites: readonly SiteConfig[]): string => {
      const reached = SEGMENTS.filter((other) => connects('on-premises-low-trust', other));
      return (
        `${sites.map((s) => s.name).join(', ')} ${sites.length === 1 ? 'is' : 'are'} trust: low, whose VPN reaches ` +
        `only the ${reached.join(', ')} segment (lib/network/segmentation.ts), not the ${segment} VPC ${vpc.name}`
      );
    };
    w.value.dependencies.forEach((d, i) => {
      if (d.reachableVia === undefined) return;
      const { sites } = rangeCoverage(plan.landingZone, d.reachableVia);
      if (cutOff(sites)) {
        report(
          w.at('dependencies', i, 'reachableVia'),
          `${d.workload} cannot be kept reachable over ${d.reachableVia}: ${why(sites)}`,
        );
      }
    });
    w.value.access.forEach((a, i) => {
      a.from.forEach((name, j) => {
        const { sites } = rangeCoverage(plan.landingZone, name);
        if (cutOff(sites)) {
          report(w.at('access', i, 'from', j), `users at ${name} cannot reach ${w.value.id}: ${why(sites)}`);
        }
      });
    });
    if (site !== undefined && cutOff([site])) {
      report(
        w.at('site'),
        `${w.value.id}'s servers and databases cannot move from ${site.name}: ${why([site])}`,
      );
    }
  }
};
