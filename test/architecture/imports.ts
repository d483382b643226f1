import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every .ts module under the given folders, by path relative to the repository root. */
function modules(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
        out.push(relative(root, path));
      }
    }
  };
  for (const folder of folders) {
    walk(join(root, folder));
  }
  return out.sort();
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']*)'/g;

/** The project modules each module imports (type-only imports included), by relative path. */
export function importGraph(root: string, folders: readonly string[]): Map<string, string[]> {
  const all = new Set(modules(root, folders));
  const graph = new Map<string, string[]>();
  for (const file of all) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(SPECIFIER)) {
      const base = relative(root, resolve(root, dirname(file), match[1] ?? ''));
      const target = [`${base}.ts`, join(base, 'index.ts')].find((t) => all.has(t));
      if (target) {
        targets.push(target);
      }
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected groups of more than one node (or a node importing itself): the cycles. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w !== undefined) {
          onStack.delete(w);
          group.push(w);
        }
      } while (w !== undefined && w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) {
        found.push(group.sort());
      }
    }
  };
  for (const v of graph.keys()) {
    if (!indices.has(v)) {
      visit(v);
    }
  }
  return found;
}

/** The graph of folders (lib/data, lib/waves, ...): an edge wherever a module of one imports the other. */
export function folderGraph(graph: ReadonlyMap<string, readonly string[]>, depth = 2): Map<string, string[]> {
  const folder = (file: string): string => file.split('/').slice(0, depth).join('/');
  const out = new Map<string, Set<string>>();
  for (const [from, targets] of graph) {
    const a = folder(from);
    const set = out.get(a) ?? new Set<string>();
    for (const t of targets) {
      if (folder(t) !== a) {
        set.add(folder(t));
      }
    }
    out.set(a, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}
