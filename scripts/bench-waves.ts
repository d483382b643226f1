// Benchmark of the migration plan: validation time, synth time (the rule packs every synth runs:
// cdk-nag AwsSolutions and NIST 800-53 rev 5, the council and data-protection packs, the Control
// Tower controls; then also the built-in CloudFormation validation, all as errors) and peak memory for
// generated estates of 25, 250 and 1,000 workloads, each measurement in a fresh process.
// Prints a Markdown table for docs/migration-waves.md and writes bench-out/waves-results.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { generateWaves } from './bench/generate-waves';

const SIZES: readonly { workloads: number; waves: number }[] = [
  { workloads: 25, waves: 5 },
  { workloads: 250, waves: 10 },
  { workloads: 1000, waves: 40 },
];

interface Measurement {
  readonly validatedMs: number;
  readonly elapsedMs: number;
  readonly stacks: number;
  readonly maxRssKb: number;
}

function measure(dir: string, mode: 'validate' | 'synth', validation: boolean): Measurement {
  const outdir = mkdtempSync(join(tmpdir(), 'waves-bench-'));
  try {
    const run = spawnSync(
      join('node_modules', '.bin', 'ts-node'),
      ['--swc', 'scripts/bench/waves-once.ts', dir, outdir, mode],
      {
        encoding: 'utf8',
        env: { ...process.env, CDK_VALIDATION: validation ? 'true' : 'false' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0) {
      throw new Error(`benchmark run failed (${dir}, ${mode}):\n${run.stderr.slice(-4000)}`);
    }
    return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as Measurement;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

mkdirSync('bench-out', { recursive: true });
const rows = SIZES.map(({ workloads, waves }) => {
  const dir = join('bench-out', `waves-${workloads}`);
  generateWaves(dir, workloads, waves);
  process.stderr.write(`measuring ${workloads} workloads in ${waves} waves...\n`);
  return {
    workloads,
    waves,
    validate: measure(dir, 'validate', false),
    synth: measure(dir, 'synth', false),
    synthWithValidation: measure(dir, 'synth', true),
  };
});

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number): string => `${Math.round(kb / 1024)} MB`;
const table = [
  '| Workloads | Waves | Stacks | validate | peak memory | synth + rule packs | peak memory | synth + rule packs + CloudFormation validation | peak memory |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.workloads} | ${r.waves} | ${r.synth.stacks} | ${s(r.validate.validatedMs)} | ${mb(r.validate.maxRssKb)} | ${s(r.synth.elapsedMs)} | ${mb(r.synth.maxRssKb)} | ${s(r.synthWithValidation.elapsedMs)} | ${mb(r.synthWithValidation.maxRssKb)} |`,
  ),
].join('\n');
const per = rows
  .map(
    (r) =>
      `${r.workloads}: validate ${(r.validate.validatedMs / r.workloads).toFixed(2)} ms/workload, synth ${(r.synth.elapsedMs / r.workloads).toFixed(1)} ms/workload`,
  )
  .join('; ');
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
writeFileSync(join('bench-out', 'waves-results.json'), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
process.stdout.write(`Machine: ${machine}\n\n${table}\n\nPer workload: ${per}\n`);
