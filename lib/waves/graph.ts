import type { PlacedWorkload, WaveFilesView } from './wave-files-view';

const cache = new WeakMap<WaveFilesView, ReadonlyMap<PlacedWorkload, number>>();

/**
 * Strongly connected components (more than one member) of the hard-dependency graph, by member.
 * Tarjan's algorithm, iterative so deep chains cannot overflow the stack, and linear in workloads
 * plus dependencies. Computed once per plan and shared by the rules that need it.
 */
export function hardDependencyCycles(plan: WaveFilesView): ReadonlyMap<PlacedWorkload, number> {
  const cached = cache.get(plan);
  if (cached) {
    return cached;
  }
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
  const component = new Map<PlacedWorkload, number>();
  let counter = 0;
  let components = 0;

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
        const members: PlacedWorkload[] = [];
        for (;;) {
          const member = stack.pop();
          if (!member) {
            break;
          }
          onStack.delete(member);
          members.push(member);
          if (member === frame.node) {
            break;
          }
        }
        if (members.length > 1) {
          for (const m of members) {
            component.set(m, components);
          }
          components++;
        }
      }
    }
  }
  cache.set(plan, component);
  return component;
}
