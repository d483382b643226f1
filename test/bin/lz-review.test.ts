import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lz } from '../helpers/lz-cli';

describe('lz review (the command line)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lz-review-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 with the way out when there is no assembly, and writes nothing', () => {
    const out = join(dir, 'review');
    const run = lz('review', '--assembly', join(dir, 'missing'), '--out', out, '--as-of', '2026-11-23');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('it does not exist: nothing has been synthesised there yet');
    expect(run.stderr).toContain('Run `npm run synth` to synthesise it again');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a malformed --as-of', () => {
    const run = lz('review', '--assembly', join(dir, 'missing'), '--as-of', '23/11/2026');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('expected a calendar date written YYYY-MM-DD, got "23/11/2026"');
  });
});
