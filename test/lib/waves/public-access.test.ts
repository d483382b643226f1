import { lineOf } from '../../helpers/landing-zone';
import { errorsOf, replaceInExample, validateTexts } from '../../helpers/waves';

/*
 * Members of the public never reach a council service: a workload that admits the libraries' public
 * Wi-Fi (audience: public), or the whole libraries range as the intranet and print release used to,
 * is refused with file, line and field.
 */
describe('public networks in access', () => {
  it('refuses a workload that admits a public network, or the whole range that holds one', () => {
    const texts = replaceInExample(
      'wave-02',
      'access: [{ port: 443, from: [civic-centre, depots, libraries-and-leisure/staff] }]',
      'access: [{ port: 443, from: [civic-centre, libraries-and-leisure, libraries-and-leisure/public-wifi] }]',
    );
    const wave02 = texts.waves.find((w) => w.file.includes('wave-02'))?.text ?? '';
    const line = lineOf(wave02, 'libraries-and-leisure/public-wifi] }]');
    // As the intranet used to: the whole libraries range, public Wi-Fi included. (No VPN carries the
    // public Wi-Fi either, which the reachability rule reports on its own.)
    const refused = errorsOf(validateTexts(texts)).filter((d) => d.message.includes('public network'));
    expect(refused).toEqual([
      expect.objectContaining({
        line,
        path: 'workloads[0].access[0].from[1]',
        message:
          'libraries-and-leisure includes a public network (audience: public): members of the public never reach intranet on port 443; admit the staff networks of that site instead',
      }),
      expect.objectContaining({
        line,
        path: 'workloads[0].access[0].from[2]',
        message:
          'libraries-and-leisure/public-wifi is a public network (audience: public): members of the public never reach intranet on port 443; admit the staff networks of that site instead',
      }),
    ]);
  });

  it('admits a named network of a staff range, and refuses one that does not exist, saying what does', () => {
    const ok = replaceInExample(
      'wave-02',
      '{ port: 9191, from: [civic-centre, depots, libraries-and-leisure/staff] }',
      '{ port: 9191, from: [civic-centre/staff-desktops, depots, libraries-and-leisure/staff] }',
    );
    expect(errorsOf(validateTexts(ok))).toEqual([]);
    const typo = replaceInExample(
      'wave-02',
      '{ port: 9191, from: [civic-centre, depots, libraries-and-leisure/staff] }',
      '{ port: 9191, from: [civic-centre/staff-desktop, depots, libraries-and-leisure/staff] }',
    );
    expect(errorsOf(validateTexts(typo)).map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^unknown on-premises range or network "civic-centre\/staff-desktop".*staff-desktops/,
      ),
    ]);
  });
});
