import { readFileSync } from 'node:fs';
import { validateConfigText } from '../../../lib/config/load';

const EXAMPLE = readFileSync('config/landing-zone.yaml', 'utf8');

function errors(text: string): { path: string; message: string }[] {
  return validateConfigText('landing-zone.yaml', text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map(({ path, message }) => ({ path, message }));
}

function edit(from: string, to: string): string {
  const out = EXAMPLE.replace(from, to);
  if (out === EXAMPLE) throw new Error(`edit did not apply: ${from}`);
  return out;
}

describe('the monitoring section', () => {
  test('the example has one, and it is valid; it is optional', () => {
    expect(errors(EXAMPLE)).toEqual([]);
    expect(errors(EXAMPLE.slice(0, EXAMPLE.indexOf('\n# Alarms derived from')))).toEqual([]);
  });

  test('every mistake is reported with its field: a bad mailbox, an http runbook, an unknown key, a silly percentage', () => {
    const text = edit(
      '    outOfHoursEmails: [ict-on-call@kestrelvale.gov.uk]\n  vpnLoadAlarmPercent: 80',
      '    outOfHoursEmails: [on-call]\n  vpnLoadAlarmPercent: 5\n  runbookUrl: http://example.org/ops\n  pager: yes',
    );
    expect(errors(text).map((e) => e.path)).toEqual([
      'monitoring.alerts.outOfHoursEmails[0]',
      'monitoring.vpnLoadAlarmPercent',
      'monitoring.runbookUrl',
      'monitoring.pager',
    ]);
  });
});
