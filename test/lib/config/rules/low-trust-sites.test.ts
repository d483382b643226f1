import { validateConfigText } from '../../../../lib/config/load';
import { edited, errorsOf, FILE, lineOf } from './connectivity-helpers';

/*
 * A site with trust: low: the key is validated, and a configuration that would let such a site
 * steer production (the hybrid DNS forwarding to a server at it) is an error with file, line and
 * field.
 */
const LIBRARY_LOW = ['lanRanges: [172.16.8.0/22]', 'lanRanges: [172.16.8.0/22]\n      trust: low'] as [
  string,
  string,
];
const DATA_CENTRE_LOW = [
  'lanRanges: [10.0.0.0/16, 10.1.0.0/20]',
  'lanRanges: [10.0.0.0/16, 10.1.0.0/20]\n      trust: low',
] as [string, string];

describe('site trust', () => {
  it('defaults to standard, and takes low', () => {
    const sites = (text: string) =>
      validateConfigText(FILE, text).config?.connectivity?.sites.map((s) => s.trust);
    expect(sites(edited())).toEqual(['standard', 'standard', 'standard']);
    expect(sites(edited(LIBRARY_LOW))).toEqual(['standard', 'standard', 'low']);
    expect(errorsOf(edited(LIBRARY_LOW))).toEqual([]);
  });

  it('rejects any other trust level, naming the field and the line', () => {
    const text = edited(['lanRanges: [172.16.8.0/22]', 'lanRanges: [172.16.8.0/22]\n      trust: untrusted']);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        path: 'connectivity.sites[2].trust',
        line: lineOf(text, 'trust: untrusted'),
        message: expect.stringContaining('standard') as unknown,
      }),
    ]);
  });

  it('refuses a hybrid DNS server at a low-trust site: its answers would steer every VPC', () => {
    const text = edited(DATA_CENTRE_LOW);
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.path, e.line])).toEqual([
      ['connectivity.dns.onPremisesServers[0].ip', lineOf(text, 'ip: 10.1.0.10')],
      ['connectivity.dns.onPremisesServers[1].ip', lineOf(text, 'ip: 10.1.0.11')],
    ]);
    expect(errors[0]?.message).toBe(
      "10.1.0.10 is at civic-centre-dc, a site with trust: low: the resolver in the shared-services VPC forwards every VPC's queries for the forwarded domains to it, production's included; forward only to DNS servers at a standard site",
    );
  });
});
