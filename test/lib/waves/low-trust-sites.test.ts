import { validateWaveTexts } from '../../../lib/waves/load';
import { exampleConfig } from '../../helpers/landing-zone';
import { exampleWaveTexts } from '../../helpers/waves';

/*
 * A low-trust site reaches only the shared services. The example's plan counts on every site
 * reaching production (library users reach the intranet and print release, the depot's repairs
 * system moves over its VPN), so marking a site low-trust makes those promises errors, each at
 * its line: this is why the example keeps its sites standard.
 */
function errorsWithLowTrust(...names: string[]): string[] {
  const config = exampleConfig();
  const connectivity = config.connectivity;
  if (connectivity === undefined) throw new Error('the example council has a connectivity section');
  const low = {
    ...config,
    connectivity: {
      ...connectivity,
      sites: connectivity.sites.map((s) => (names.includes(s.name) ? { ...s, trust: 'low' as const } : s)),
    },
  };
  const texts = exampleWaveTexts();
  return validateWaveTexts(texts.programme, texts.waves, low)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.file}:${d.line} ${d.path}: ${d.message}`);
}

describe('wave rule: low-trust sites', () => {
  it('finds nothing in the example, whose sites are all standard', () => {
    expect(errorsWithLowTrust()).toEqual([]);
  });

  it('cuts off the production workloads whose users are only at a low-trust site', () => {
    const errors = errorsWithLowTrust('central-library');
    const why =
      'central-library is trust: low, whose VPN reaches only the shared segment (lib/network/segmentation.ts), not the production VPC production';
    expect(errors).toEqual([
      expect.stringMatching(
        /^migration-waves\/wave-02-corporate-and-place\.yaml:\d+ workloads\[0\]\.access\[0\]\.from\[2\]: /,
      ),
      expect.stringMatching(
        /^migration-waves\/wave-02-corporate-and-place\.yaml:\d+ workloads\[3\]\.access\[1\]\.from\[2\]: /,
      ),
    ]);
    expect(errors[0]).toContain(`users at libraries-and-leisure/staff cannot reach intranet: ${why}`);
    expect(errors[1]).toContain(`users at libraries-and-leisure/staff cannot reach file-and-print: ${why}`);
  });

  it('stops servers and databases moving from a low-trust site, and users there reaching production', () => {
    const errors = errorsWithLowTrust('northgate-depot');
    expect(errors).toContainEqual(
      expect.stringMatching(
        /wave-04-housing-finance-hr\.yaml:\d+ workloads\[\d+\]\.site: housing-repairs's servers and databases cannot move from northgate-depot: northgate-depot is trust: low/,
      ),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/users at depots cannot reach housing-repairs: northgate-depot is trust: low/),
    );
  });
});
