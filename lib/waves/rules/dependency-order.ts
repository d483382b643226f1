import { hardDependencyCycles } from '../graph';
import { isMigrating } from '../resolve';
import { formatLocal } from '../time';
import type { WaveRule } from './rule';

/**
 * A workload may cut over before a hard dependency (or without it, when the dependency stays on
 * premises) only if that dependency stays reachable over a declared VPN path (`reachableVia`).
 */
export const dependencyOrder: WaveRule = (plan, report) => {
  const zone = plan.programme?.programme.timeZone ?? 'Europe/London';
  // An edge inside a dependency cycle is reported once, by the cycle rule.
  const cycles = hardDependencyCycles(plan);
  for (const w of plan.workloads) {
    const mine = w.window?.interval;
    if (!isMigrating(w.value) || !mine) {
      continue;
    }
    w.value.dependencies.forEach((d, i) => {
      const dep = plan.byId.get(d.workload);
      if (d.type !== 'hard' || !dep || dep === w || d.reachableVia !== undefined) {
        return;
      }
      const inCycle = cycles.get(dep);
      if (inCycle !== undefined && inCycle === cycles.get(w)) {
        return;
      }
      if (dep.value.strategy === 'retire') {
        return; // reported by strategy consistency as a warning
      }
      const theirs = dep.window?.interval;
      if (dep.value.strategy === 'retain') {
        report(
          w.at('dependencies', i),
          `hard dependency ${dep.value.id} stays on premises (retain); declare reachableVia with the VPN path that keeps it reachable`,
        );
      } else if (dep.value.strategy !== 'repurchase' && theirs && theirs.start > mine.start) {
        report(
          w.at('dependencies', i),
          `${w.value.id} cuts over ${formatLocal(mine.start, zone)} (${w.wave.header?.id ?? '?'}) before its hard dependency ${dep.value.id} (${formatLocal(theirs.start, zone)}, ${dep.wave.header?.id ?? '?'}); move it later or declare reachableVia with the VPN path that keeps ${dep.value.id} reachable`,
        );
      }
    });
  }
};
