import { lz } from '../helpers/lz-cli';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAssembly } from '../lib/cost/fixtures';

describe('lz cost (the command line)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lz-cost-cli-'));
    await writeAssembly(join(dir, 'cdk.out'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('--markdown prints the estimate from the given assembly; exit 0 when everything is priced', () => {
    const run = lz('cost', '--assembly', join(dir, 'cdk.out'), '--as-of', '2026-11-23', '--markdown');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^## Monthly cost estimate, eu-west-2 \+ eu-west-1/);
    expect(run.stdout).toContain('every deployed charge priced');
  });

  it('exits 2 without an assembly', () => {
    const run = lz('cost', '--assembly', join(dir, 'missing'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`cannot use the cloud assembly ${join(dir, 'missing')}`);
  });
});
