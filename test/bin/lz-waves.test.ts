import { spawnSync } from 'node:child_process';
import { lz } from '../helpers/lz-cli';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineOf } from '../helpers/landing-zone';

describe('lz waves (the command-line tool)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lz-waves-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('validate: exits 0 on the example, lists warnings separately and summarises', () => {
    const run = lz('waves', 'validate');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Warnings \(risky but allowed\):\n/);
    expect(run.stdout).toMatch(
      /migration-waves: valid \(6 waves, 31 workloads, 59 servers, 25 databases\), \d+ warning\(s\)\n$/,
    );
  });

  it('validate: exits 2 with every mistake located, errors before warnings, no stack trace', () => {
    const waves = join(dir, 'broken');
    cpSync('migration-waves', waves, { recursive: true });
    const file = join(waves, 'wave-04-housing-finance-hr.yaml');
    const text = readFileSync(file, 'utf8').replace('    criticality: critical', '    critcality: critical');
    writeFileSync(file, text);
    writeFileSync(join(waves, 'Wave-7.yaml'), 'wave: {}\n');
    const run = lz('waves', 'validate', '--waves', waves);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('Errors:');
    expect(lines).toContain(
      `${join(waves, 'Wave-7.yaml')}:0:0 error (file): wave files are named wave-NN-<slug>.yaml (lower-case, .yaml); this file would be ignored`,
    );
    expect(lines).toContain(
      `${file}:${lineOf(text, 'critcality:')}:5 error workloads[1].critcality: unknown key "critcality" (did you mean "criticality"?)`,
    );
    expect(lines.indexOf('Warnings (risky but allowed):')).toBeGreaterThan(1);
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^${waves}: 2 error\\(s\\), \\d+ warning\\(s\\)$`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('the CDK app refuses to synthesise an invalid plan, with the same messages', () => {
    const waves = join(dir, 'broken-for-synth');
    cpSync('migration-waves', waves, { recursive: true });
    const file = join(waves, 'wave-04-housing-finance-hr.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('    criticality: critical', '    critcality: critical'),
    );
    const app = spawnSync(join('node_modules', '.bin', 'ts-node'), ['--swc', 'bin/app.ts'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LZ_WAVES: waves, CDK_OUTDIR: join(dir, 'cdk.out') },
    });
    expect(app.status).toBe(2);
    expect(app.stderr).toMatch(/^Configuration has 1 error\(s\):\n/);
    expect(app.stderr).toContain(
      'error workloads[1].critcality: unknown key "critcality" (did you mean "criticality"?)',
    );
  });

  it('validate --json: errors and warnings with file, line, column and path', () => {
    const run = lz('waves', 'validate', '--json');
    expect(run.status).toBe(0);
    const payload = JSON.parse(run.stdout) as {
      valid: boolean;
      errors: unknown[];
      warnings: { path: string }[];
    };
    expect(payload.valid).toBe(true);
    expect(payload.errors).toEqual([]);
    const first = payload.warnings[0] as { file: unknown; line: unknown; path: unknown } | undefined;
    expect([typeof first?.file, typeof first?.line, typeof first?.path]).toEqual([
      'string',
      'number',
      'string',
    ]);
  });

  it('report: writes every output for the given date', () => {
    const out = join(dir, 'report');
    const run = lz('waves', 'report', '--out', out, '--as-of', '2026-11-23');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^migration-waves as of 2026-11-23: RED; \d+\/\d+ workloads/);
    for (const name of [
      'dashboard.html',
      'summary.md',
      'waves.csv',
      'workloads.csv',
      'mgn-import.csv',
      'cmdb.csv',
    ]) {
      expect(existsSync(join(out, name))).toBe(true);
    }
  });

  it('report: a bad date or an invalid plan is refused', () => {
    expect(lz('waves', 'report', '--out', join(dir, 'x'), '--as-of', '23/11/2026').stderr).toMatch(
      /expected a calendar date written YYYY-MM-DD/,
    );
    const run = lz(
      'waves',
      'report',
      '--waves',
      join(dir, 'broken'),
      '--out',
      join(dir, 'y'),
      '--as-of',
      '2026-11-23',
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/is not valid: run `lz waves validate`/);
  });
});
