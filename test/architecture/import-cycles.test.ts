import { cycles, folderGraph, importGraph } from './imports';

const graph = importGraph('.', ['lib', 'stacks', 'bin']);

describe('imports', () => {
  test('no module imports itself through others (type-only imports count)', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('folders import each other one way only, except address-space validation using the address plan', () => {
    // lib/config/rules/address-space.ts checks configuration with lib/network/address-plan.ts, which
    // takes the configuration's subnet types: a known pair, not a design to copy.
    expect(cycles(folderGraph(graph))).toEqual([['lib/config', 'lib/network']]);
  });

  test('the engine registry and the database construct know nothing of wave files or the resolved plan', () => {
    const fromData = [...graph].filter(([file]) => file.startsWith('lib/data/')).flatMap(([, to]) => to);
    expect(fromData.filter((t) => t.startsWith('lib/waves/'))).toEqual([]);
  });
});
