import { onPremisesSource, onPremisesSources } from '../../../../lib/config/on-premises-sources';
import { validateConfigText } from '../../../../lib/config/load';
import { edited, errorsOf, EXAMPLE, FILE } from './connectivity-helpers';

describe('on-premises ranges, their networks and their audience', () => {
  it('the example: staff-desktop networks, and the libraries’ public Wi-Fi a public network of their range', () => {
    const ranges = validateConfigText(FILE, EXAMPLE).config?.network.onPremisesRanges ?? [];
    const sources = onPremisesSources(ranges);
    expect(sources.filter((s) => s.name.includes('/')).map((s) => [s.name, s.cidr, s.range])).toEqual([
      ['civic-centre/staff-desktops', '10.0.32.0/19', 'civic-centre'],
      ['depots/staff-desktops', '10.20.4.0/22', 'depots'],
      ['libraries-and-leisure/staff', '172.16.0.0/17', 'libraries-and-leisure'],
      ['libraries-and-leisure/public-wifi', '172.16.128.0/17', 'libraries-and-leisure'],
    ]);
    expect(sources.filter((s) => s.audience === 'public').map((s) => s.name)).toEqual([
      'libraries-and-leisure/public-wifi',
    ]);
    // The whole range includes the public Wi-Fi, so admitting it admits the public; its staff network does not.
    expect(sources.filter((s) => s.admitsPublic).map((s) => s.name)).toEqual([
      'libraries-and-leisure',
      'libraries-and-leisure/public-wifi',
    ]);
    expect(onPremisesSource(ranges, 'libraries-and-leisure/staff')?.admitsPublic).toBe(false);
  });

  it('refuses a network outside its range, one overlapping another, and a name used twice in a range', () => {
    const text = edited([
      '        - { name: staff-desktops, cidr: 10.20.4.0/22, description: Depot office desktops }\n',
      [
        '        - { name: staff-desktops, cidr: 10.20.4.0/22 }',
        '        - { name: staff-desktops, cidr: 10.20.6.0/24 }',
        '        - { name: cameras, cidr: 10.21.0.0/24 }',
        '',
      ].join('\n'),
    ]);
    expect(errorsOf(text).map((e) => [e.path, e.message])).toEqual([
      [
        'network.onPremisesRanges[2].networks[1].name',
        expect.stringContaining('duplicate network name "staff-desktops" in range depots'),
      ],
      [
        'network.onPremisesRanges[2].networks[1].cidr',
        '10.20.6.0/24 overlaps network staff-desktops (10.20.4.0/22) of range depots',
      ],
      [
        'network.onPremisesRanges[2].networks[2].cidr',
        '10.21.0.0/24 is not inside range depots (10.20.0.0/16); a network is a part of its range',
      ],
    ]);
  });

  it('refuses a range with a public network among the on-premises ranges a database admits', () => {
    const text = edited([
      '      allowedOnPremisesRanges: []\n',
      '      allowedOnPremisesRanges: [libraries-and-leisure]\n',
    ]);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        path: 'dataProtection.databases[0].allowedOnPremisesRanges[0]',
        message:
          'libraries-and-leisure includes a public network (audience: public); members of the public never reach a council database',
      }),
    ]);
    // A staff range is still admitted.
    expect(
      errorsOf(
        edited(['      allowedOnPremisesRanges: []\n', '      allowedOnPremisesRanges: [civic-centre]\n']),
      ),
    ).toEqual([]);
  });

  it('refuses an audience it does not know', () => {
    const errors = errorsOf(edited(['audience: public, description', 'audience: guests, description']));
    // (The range is then invalid as a whole, so the library's LAN is reported as outside every range too.)
    expect(errors.map((e) => e.path)).toContain('network.onPremisesRanges[3].networks[1].audience');
  });
});
