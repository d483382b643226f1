import { noVpnReason, rangeCoverage } from '../../config/vpn-coverage';
import type { WaveRule } from './rule';

/**
 * A name in `reachableVia` or `access[].from` is a promise that traffic crosses a VPN: the
 * on-premises range must be carried by a council site's VPN (connectivity.sites), or the dependency
 * is unreachable and the users are cut off, whatever the security group says. Unknown names are
 * reported by the references rule.
 */
export const vpnReachability: WaveRule = (plan, report) => {
  const lz = plan.landingZone;
  const reasons = new Map<string, string | undefined>();
  const problem = (name: string): string | undefined => {
    if (!reasons.has(name)) {
      const coverage = rangeCoverage(lz, name);
      reasons.set(
        name,
        coverage.range !== undefined && coverage.sites.length === 0
          ? noVpnReason(lz, coverage.range)
          : undefined,
      );
    }
    return reasons.get(name);
  };
  for (const w of plan.workloads) {
    w.value.dependencies.forEach((d, i) => {
      const why = d.reachableVia === undefined ? undefined : problem(d.reachableVia);
      if (why !== undefined) {
        report(
          w.at('dependencies', i, 'reachableVia'),
          `${d.workload} cannot be kept reachable over ${d.reachableVia}: ${why}`,
        );
      }
    });
    w.value.access.forEach((a, i) => {
      a.from.forEach((name, j) => {
        const why = problem(name);
        if (why !== undefined) {
          report(w.at('access', i, 'from', j), `users at ${name} cannot reach ${w.value.id}: ${why}`);
        }
      });
    });
  }
};
