import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateWavesDir } from '../../../lib/waves/load';
import { generateWaves } from '../../../scripts/bench/generate-waves';
import { exampleConfig } from '../../helpers/landing-zone';

describe('validation at scale', () => {
  it('validates the generated 1,000-workload, 40-wave estate, with a 1,000-long hard-dependency chain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waves-scale-'));
    try {
      generateWaves(dir, 1000, 40);
      const result = validateWavesDir(dir, exampleConfig());
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result.plan?.waves).toHaveLength(40);
      expect(result.plan?.waves.flatMap((w) => w.workloads)).toHaveLength(1001);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
