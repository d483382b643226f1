import { onPremisesSource } from '../../config/on-premises-sources';
import type { WaveRule } from './rule';

/**
 * Members of the public never reach a council service: no workload admits, in access[].from, a
 * network with `audience: public` (guest or public Wi-Fi, public PCs), or a whole range with one
 * inside it. Every workload the plan moves is a back-office service; a service the public uses is
 * reached from the internet through a declared public entry point, not from a council network.
 */
export const publicAccess: WaveRule = (plan, report) => {
  const ranges = plan.landingZone.network.onPremisesRanges;
  for (const w of plan.workloads) {
    w.value.access.forEach((a, i) => {
      a.from.forEach((name, j) => {
        const source = onPremisesSource(ranges, name);
        if (source?.admitsPublic === true) {
          const what = source.audience === 'public' ? 'is a public network' : 'includes a public network';
          report(
            w.at('access', i, 'from', j),
            `${name} ${what} (audience: public): members of the public never reach ${w.value.id} on port ${a.port}; admit the staff networks of that site instead`,
          );
        }
      });
    });
  }
};
