import { readFileSync } from 'node:fs';
import { validateConfigText } from '../../../lib/config/load';

const EXAMPLE = readFileSync('config/landing-zone.yaml', 'utf8');

function errors(text: string): string[] {
  return validateConfigText('landing-zone.yaml', text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map(({ path, message }) => `${path}: ${message}`);
}

function edit(from: string, to: string, text = EXAMPLE): string {
  const out = text.replace(from, to);
  if (out === text) {
    throw new Error(`edit did not apply: ${from}`);
  }
  return out;
}

describe('organisation.minimumLogRetentionDays', () => {
  test('the example (400-day logs, default minimum 365) is valid', () => {
    expect(errors(EXAMPLE)).toEqual([]);
  });

  test('a flow-log retention below the default minimum is an error at its line', () => {
    const text = edit('retentionDays: 400 # thirteen months', 'retentionDays: 90 # three months');
    expect(errors(text)).toEqual([
      'network.flowLogs.retentionDays: 90 days is below organisation.minimumLogRetentionDays (365)',
    ]);
  });

  test('a higher minimum reports every shorter retention', () => {
    const text = edit(
      '  owner: digital-infrastructure\n',
      '  owner: digital-infrastructure\n  minimumLogRetentionDays: 731\n',
    );
    expect(errors(text)).toEqual([
      'network.egressInspection.networkFirewall.logRetentionDays: 400 days is below organisation.minimumLogRetentionDays (731)',
      'network.flowLogs.retentionDays: 400 days is below organisation.minimumLogRetentionDays (731)',
      'connectivity.tunnelLogRetentionDays: 400 days is below organisation.minimumLogRetentionDays (731)',
      'connectivity.dns.queryLogRetentionDays: 400 days is below organisation.minimumLogRetentionDays (731)',
    ]);
  });
});
