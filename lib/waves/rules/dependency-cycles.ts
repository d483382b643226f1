import { hardDependencyCycles } from '../graph';
import type { PlacedWorkload } from '../wave-files-view';
import type { WaveRule } from './rule';

/** Hard dependencies may form a cycle only inside one wave: such workloads must cut over together. */
export const dependencyCycles: WaveRule = (plan, report) => {
  const cycles = hardDependencyCycles(plan);
  const byComponent = new Map<number, PlacedWorkload[]>();
  for (const [w, c] of cycles) {
    byComponent.set(c, [...(byComponent.get(c) ?? []), w]);
  }
  for (const members of byComponent.values()) {
    if (new Set(members.map((w) => w.wave)).size < 2) {
      continue;
    }
    const described = members
      .map((w) => `${w.value.id} (${w.wave.header?.id ?? w.file})`)
      .sort()
      .join(', ');
    const set = new Set(members);
    // One message per cycle, at the first dependency (in file order) that crosses a wave boundary.
    const ordered = [...members].sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index);
    const crossing = ordered.flatMap((w) =>
      w.value.dependencies.flatMap((d, i) => {
        const target = plan.byId.get(d.workload);
        return d.type === 'hard' && target && set.has(target) && target.wave !== w.wave ? [{ w, i }] : [];
      }),
    )[0];
    if (crossing) {
      report(
        crossing.w.at('dependencies', crossing.i, 'workload'),
        `hard dependency cycle across waves: ${described}; workloads in a cycle must move in the same wave`,
      );
    }
  }
};
