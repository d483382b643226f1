// Benchmark: validation and synth time and peak memory for the example and generated larger
// configurations, with and without the built-in CloudFormation validation. Prints a Markdown table
// for docs/testing.md (Benchmarks) and writes bench-out/results.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConfig } from './bench/generate-config';

const EXAMPLE = 'config/landing-zone.yaml';
const FACTORS = [1, 4, 8];

interface Measurement {
  readonly elapsedMs: number;
  readonly maxRssKb: number;
}

function measure(config: string, mode: 'validate-only' | 'synth', validation: boolean): Measurement {
  const outdir = mkdtempSync(join(tmpdir(), 'lz-bench-'));
  try {
    const run = spawnSync(
      join('node_modules', '.bin', 'ts-node'),
      ['--swc', 'scripts/bench/synth-once.ts', config, outdir, mode],
      { encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: validation ? 'true' : 'false' } },
    );
    if (run.status !== 0) {
      throw new Error(`benchmark run failed (${config}, ${mode}):\n${run.stderr}`);
    }
    const last = run.stdout.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as Measurement;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

mkdirSync('bench-out', { recursive: true });
const rows = FACTORS.map((factor) => {
  const config = factor === 1 ? EXAMPLE : join('bench-out', `landing-zone-x${factor}.yaml`);
  if (factor !== 1) {
    writeFileSync(config, generateConfig(EXAMPLE, factor));
  }
  const vpcs = factor === 1 ? 4 : 4 * factor;
  process.stderr.write(`measuring ${vpcs} VPCs...\n`);
  return {
    vpcs,
    validate: measure(config, 'validate-only', false),
    synthNoValidation: measure(config, 'synth', false),
    synthWithValidation: measure(config, 'synth', true),
  };
});

const mb = (kb: number): string => `${Math.round(kb / 1024)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const table = [
  '| VPCs | validate | synth + rule packs | peak memory | synth + rule packs + CloudFormation validation | peak memory |',
  '|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.vpcs} | ${s(r.validate.elapsedMs)} | ${s(r.synthNoValidation.elapsedMs)} | ${mb(r.synthNoValidation.maxRssKb)} | ` +
      `${s(r.synthWithValidation.elapsedMs)} | ${mb(r.synthWithValidation.maxRssKb)} |`,
  ),
].join('\n');
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
writeFileSync(join('bench-out', 'results.json'), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
process.stdout.write(`Machine: ${machine}\n\n${table}\n`);
