import { lz } from '../helpers/lz-cli';

describe('lz stages', () => {
  it('prints one stages= line for $GITHUB_OUTPUT, keyed by stage id', () => {
    const run = lz('stages', '--github-output');
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('stages=')).toBe(true);
    const byId = JSON.parse(run.stdout.trim().slice('stages='.length)) as Record<string, string>;
    expect(Object.keys(byId)).toEqual([
      'network-network',
      'data-network',
      'data-backup',
      'data-non-production',
      'data-production',
      'waves-non-production',
      'waves-production',
    ]);
    expect(byId['network-network']?.split(' ')).toContain('KvdcNetworkHub');
  });

  it('exits 2 naming the file when the configuration cannot be read', () => {
    const run = lz('stages', '--config', 'test/fixtures/does-not-exist.yaml');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('does-not-exist.yaml');
  });
});
