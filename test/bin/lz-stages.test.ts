import { exampleAssembly } from '../helpers/example-assembly';
import { EXAMPLE_BASELINE_STAGES } from '../helpers/landing-zone';
import { lz } from '../helpers/lz-cli';

describe('lz stages', () => {
  it('prints one stages= line for $GITHUB_OUTPUT, keyed by stage id, from the assembly it deploys', () => {
    const run = lz('stages', '--github-output', '--assembly', exampleAssembly().dir);
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

  it('exits 2 when the assembly was synthesised from another configuration', () => {
    const run = lz('stages', '--assembly', exampleAssembly().dir, '--config', 'test/fixtures/other.yaml');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'it was synthesised from config/landing-zone.yaml, not test/fixtures/other.yaml',
    );
  });
});
