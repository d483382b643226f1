import { testApp } from '../helpers/cdk-app';
import { loadConfig } from '../../lib/config/load';
import { buildLandingZone } from '../../stacks/landing-zone';

const config = loadConfig('config/landing-zone.yaml');

describe('composing connectivity into the landing zone', () => {
  it('adds the connectivity and hybrid DNS stacks when the configuration has them', () => {
    const stacks = buildLandingZone(testApp(), config);
    expect(stacks.connectivity?.stackName).toBe('kvdc-connectivity');
    expect(stacks.hybridDns?.stackName).toBe('kvdc-hybrid-dns');
    expect(stacks.all.map((s) => s.stackName)).toEqual(
      expect.arrayContaining(['kvdc-connectivity', 'kvdc-hybrid-dns']),
    );
  });

  it('adds neither for a landing zone without a connectivity section', () => {
    const stacks = buildLandingZone(testApp(), { ...config, connectivity: undefined });
    expect(stacks.connectivity).toBeUndefined();
    expect(stacks.hybridDns).toBeUndefined();
    const names = stacks.all.map((s) => s.stackName);
    expect(names).not.toContain('kvdc-connectivity');
    expect(names).not.toContain('kvdc-hybrid-dns');
  });

  it('adds VPNs without hybrid DNS when connectivity.dns is absent', () => {
    const connectivity = config.connectivity;
    if (!connectivity) {
      throw new Error('the example has a connectivity section');
    }
    const stacks = buildLandingZone(testApp(), {
      ...config,
      connectivity: { ...connectivity, dns: undefined },
    });
    expect(stacks.connectivity).toBeDefined();
    expect(stacks.hybridDns).toBeUndefined();
  });
});
