import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSynth } from '../../../lib/cli/synth-command';
import { InputError } from '../../../lib/errors';
import { testCliContext } from '../../helpers/cli-context';

describe('lz synth', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lz-synth-command-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing when the configuration is invalid, and says every error with its line', async () => {
    const config = join(dir, 'landing-zone.yaml');
    writeFileSync(
      config,
      readFileSync('config/landing-zone.yaml', 'utf8').replace('homeRegion: eu-west-2', 'homeRegion: mars-1'),
    );
    const outdir = join(dir, 'cdk.out');
    const run = runSynth(testCliContext(), {
      app: 'landing-zone',
      config,
      waves: 'migration-waves',
      output: outdir,
      timings: false,
    });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(/landing-zone\.yaml:\d+:\d+ error organisation\.homeRegion/);
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(`${outdir}.partial-${process.pid}`)).toBe(false);
  });
});
