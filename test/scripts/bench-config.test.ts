import { validateConfigText } from '../../lib/config/load';
import { generateConfig } from '../../scripts/bench/generate-config';

describe('benchmark configuration generator', () => {
  it.each([4, 8])('generates a valid configuration with %ix the example VPCs', (factor) => {
    const result = validateConfigText('generated.yaml', generateConfig('config/landing-zone.yaml', factor));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.config?.network.vpcs).toHaveLength(4 * factor);
  });
});
