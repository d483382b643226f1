import type { PlacedWorkload } from '../plan-view';
import type { WaveRule } from './rule';

/**
 * Hard dependencies may form a cycle only inside one wave: such workloads must cut over together.
 * Tarjan's strongly connected components, iterative, so the check is linear in workloads plus
 * dependencies and safe for deep chains.
 */
export const dependencyCycles: WaveRule = (plan, report) => {
  const nodes = plan.workloads.filter((w) => plan.byId.get(w.value.id) === w);
  const edges = (w: PlacedWorkload): PlacedWorkload[] =>
    w.value.dependencies.flatMap((d) => {
      const target = d.type === 'hard' ? plan.byId.get(d.workload) : undefined;
      return target && target !== w ? [target] : [];
    });
  const index = new Map<PlacedWorkload, number>();
  const low = new Map<PlacedWorkload, number>();
  const onStack = new Set<PlacedWorkload>();
  const stack: PlacedWorkload[] = [];
  let counter = 0;
  const components: PlacedWorkload[][] = [];

  for (const root of nodes) {
    if (index.has(root)) {
      continue;
    }
    const work: { node: PlacedWorkload; next: PlacedWorkload[]; i: number }[] = [];
    const visit = (node: PlacedWorkload): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: edges(node), i: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) {
        break;
      }
      const child = frame.next[frame.i];
      if (child !== undefined) {
        frame.i++;
        if (!index.has(child)) {
          visit(child);
        } else if (onStack.has(child)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(child) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: PlacedWorkload[] = [];
        for (;;) {
          const member = stack.pop();
          if (!member) {
            break;
          }
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) {
            break;
          }
        }
        if (component.length > 1) {
          components.push(component);
        }
      }
    }
  }

  for (const component of components) {
    const waves = new Set(component.map((w) => w.wave.header?.id ?? w.file));
    if (waves.size > 1) {
      const members = new Set(component);
      const described = component
        .map((w) => `${w.value.id} (${w.wave.header?.id ?? w.file})`)
        .sort()
        .join(', ');
      for (const w of component) {
        w.value.dependencies.forEach((d, i) => {
          const target = plan.byId.get(d.workload);
          if (d.type === 'hard' && target && members.has(target) && target.wave !== w.wave) {
            report(
              w.at('dependencies', i, 'workload'),
              `hard dependency cycle across waves: ${described}; workloads in a cycle must move in the same wave`,
            );
          }
        });
      }
    }
  }
};
