import { lz } from '../helpers/lz-cli';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineOf } from '../helpers/landing-zone';

describe('lz (the command-line tool)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lz-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('validate: exits 0 on the example and summarises it', () => {
    const run = lz('validate');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'config/landing-zone.yaml: valid (9 accounts, 4 VPCs, 5 on-premises ranges, 3 availability zones)',
    );
  });

  it('validate: exits 2 with one located line per mistake and no stack trace', () => {
    const file = join(dir, 'bad.yaml');
    const text = readFileSync('config/landing-zone.yaml', 'utf8')
      .replace('drRegion: eu-west-1', 'drRegion: us-east-1')
      .replace('    trafficType: ALL', '    trafficTyp: ALL');
    writeFileSync(file, text);
    const run = lz('validate', '--config', file);
    expect(run.status).toBe(2);
    const lines = run.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.includes(' warning '));
    expect(lines).toEqual([
      `${file}:${lineOf(text, 'drRegion:')}:13 error organisation.drRegion: us-east-1 breaks dataResidency uk-and-eea (allowed: eu-west-2, eu-west-1, eu-west-3, eu-central-1, eu-north-1, eu-south-1, eu-south-2)`,
      `${file}:${lineOf(text, 'trafficTyp:')}:5 error network.flowLogs.trafficTyp: unknown key "trafficTyp" (did you mean "trafficType"?)`,
      `${file}: 2 error(s), 10 warning(s)`,
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('validate --json: machine-readable errors with file, line, column and path', () => {
    const file = join(dir, 'bad-json.yaml');
    const text = readFileSync('config/landing-zone.yaml', 'utf8').replace(
      'natGateways: per-az',
      'natGateways: two',
    );
    writeFileSync(file, text);
    const run = lz('validate', '--config', file, '--json');
    expect(run.status).toBe(2);
    const payload = JSON.parse(run.stdout) as { valid: boolean; errors: { path: string; line: number }[] };
    expect(payload.valid).toBe(false);
    expect(payload.errors).toEqual([
      expect.objectContaining({
        path: 'network.egress.natGateways',
        line: lineOf(text, 'natGateways: two'),
        column: 18,
        file,
      }),
    ]);
  });

  it('validate: a missing file is a clear error', () => {
    const run = lz('validate', '--config', join(dir, 'missing.yaml'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /missing\.yaml:0:0 error \(file\): cannot read \/.*\/missing\.yaml: it does not exist/,
    );
  });

  it('schema --check: the committed JSON Schema matches the zod schema', () => {
    expect(lz('schema', '--check').status).toBe(0);
  });

  it('plan: prints every subnet with its zone and usable addresses (every column with --wide)', () => {
    const run = lz('plan', '--wide');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /production 10\.65\.0\.0\/19\s+│ production\s+│ production\s+│ data\s+│ isolated │ eu-west-2a │ 10\.65\.12\.0\/24\s+│ 251/,
    );
  });
});
