import { EXAMPLE_BASELINE_STAGES } from '../helpers/landing-zone';
import { lz } from '../helpers/lz-cli';

describe('lz stages', () => {
  it('prints one stages= line for $GITHUB_OUTPUT, keyed by stage id', () => {
    const run = lz('stages', '--github-output');
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('stages=')).toBe(true);
    const byId = JSON.parse(run.stdout.trim().slice('stages='.length)) as Record<string, string>;
    expect(Object.keys(byId)).toEqual([
      ...EXAMPLE_BASELINE_STAGES,
      'network-network',
      'data-network',
      'data-backup',
      'data-non-production',
      'data-production',
      'waves-non-production',
      'waves-production',
    ]);
    expect(byId['network-network']?.split(' ')).toContain('KvdcNetworkHub');
    expect(byId['baseline-log-archive']?.split(' ')).toContain('KvdcLogArchive');
  });

  it('exits 1 naming the file when the configuration cannot be read', () => {
    const run = lz('stages', '--config', 'test/fixtures/does-not-exist.yaml');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('does-not-exist.yaml');
  });
});
