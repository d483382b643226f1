// Benchmark of the feedback loop (issue: fast, reliable feedback): the real commands an engineer and
// CI run, timed as wholes, against their targets. Prints a Markdown table for the README and writes
// bench-out/feedback.json. Run it on a quiet machine: it measures wall time.
//
//   npm run bench:feedback              synth, the synth floor, the gate after a synth
//   npm run bench:feedback -- --tests   also `npm test` (several minutes)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';

interface Row {
  readonly what: string;
  readonly seconds: number;
  readonly target: string;
  readonly met: boolean;
}

function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
  const started = Date.now();
  const run = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  if (run.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${run.status ?? 'signal'}):\n${run.stderr.slice(-3000)}`,
    );
  }
  return (Date.now() - started) / 1000;
}

const lz = (...args: string[]): number =>
  timed(join('node_modules', '.bin', 'ts-node'), ['--swc', 'bin/lz.ts', ...args]);

/** The app with no validation plugin at all, in its own process like the real synth. */
function bareSynth(): number {
  const outdir = mkdtempSync(join(tmpdir(), 'lz-bench-bare-'));
  try {
    return timed(join('node_modules', '.bin', 'ts-node'), [
      '--swc',
      'scripts/bench/synth-once.ts',
      'config/landing-zone.yaml',
      outdir,
      'bare',
    ]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const withTests = process.argv.includes('--tests');
const load = loadavg()[0] ?? 0;
process.stderr.write('measuring lz synth of the example...\n');
const synth = lz('synth');
process.stderr.write('measuring the same app with no validation plugin...\n');
const bare = bareSynth();
process.stderr.write('measuring lz gate --no-synth...\n');
const gate = lz('gate', '--no-synth');
const rows: Row[] = [
  { what: '`npm run synth` (example, every check)', seconds: synth, target: '≤ 30 s', met: synth <= 30 },
  {
    what: 'the same app with no validation plugin',
    seconds: bare,
    target: `synth ≤ 1.5× this (${(synth / bare).toFixed(2)}×)`,
    met: synth <= 1.5 * bare,
  },
  { what: '`npm run gate -- --no-synth` after a synth', seconds: gate, target: '≤ 20 s', met: gate <= 20 },
];
if (withTests) {
  process.stderr.write('measuring npm test...\n');
  const tests = timed('npm', ['test']);
  rows.push({
    what: '`npm test` (type-check, lint, schema, jest)',
    seconds: tests,
    target: '≤ 120 s',
    met: tests <= 120,
  });
}
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load.toFixed(2)} at the start`;
const table = [
  '| Command | Wall time | Target | Met |',
  '|---|---:|---|---|',
  ...rows.map((r) => `| ${r.what} | ${r.seconds.toFixed(1)} s | ${r.target} | ${r.met ? 'yes' : '**no**'} |`),
].join('\n');
mkdirSync('bench-out', { recursive: true });
writeFileSync(
  join('bench-out', 'feedback.json'),
  `${JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2)}\n`,
);
process.stdout.write(`Machine: ${machine}\n\n${table}\n`);
