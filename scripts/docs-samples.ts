/*
 * Regenerates every sample output block in README.md and docs/*.md by running its `lz` command
 * or npm script (lib/docs/samples.ts explains the markers), or with --check, fails listing the blocks that no
 * longer match what the command prints. Commands that read cdk.out read the current synth: run
 * `npm run synth` first (the check refuses a stale assembly, like every command).
 *
 *   npm run docs:samples              rewrite the blocks
 *   npm run docs:samples -- --check   exit 1 when any block is out of date (CI)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProgram } from '../lib/cli/program';
import type { CommandOutput } from '../lib/cli/output';
import { findSamples, rewriteSamples, sampleBlock, type Sample } from '../lib/docs/samples';
import { synthesiseApp } from '../stacks/synthesis';

const FILES = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

/**
 * An npm script's sample: run as the reader would, in a child process. Its exit code is part of
 * what it reports (the service report exits 1 when a target is missed), as with `lz` samples; a
 * run that printed nothing crashed.
 */
function runScript(sample: Sample): string {
  const child = spawnSync('npm', ['run', '-s', ...sample.args], { encoding: 'utf8' });
  if (child.error !== undefined || child.signal !== null || child.stdout.trim() === '') {
    throw new Error(
      `${sample.file}: npm run -s ${sample.args.join(' ')} printed nothing (exit ${child.status ?? child.signal}):\n${child.stderr}`,
    );
  }
  return sample.withStderr ? `${child.stdout}${child.stderr}` : child.stdout;
}

async function run(sample: Sample): Promise<string> {
  if (sample.tool === 'npm') return runScript(sample);
  let captured: CommandOutput = { exitCode: 0, stdout: '', stderr: '' };
  const program = createProgram({
    defaults: { config: 'config/landing-zone.yaml', waves: 'migration-waves' },
    today: '2026-12-02',
    debug: false,
    app: { synthesise: synthesiseApp },
    progress: { write: () => undefined, isTTY: false },
    emit: (output) => {
      captured = output;
    },
  });
  await program.parseAsync(['node', 'lz', ...sample.args]);
  process.exitCode = 0;
  return sample.withStderr ? `${captured.stdout}${captured.stderr}` : captured.stdout;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const file of FILES) {
    const text = readFileSync(file, 'utf8');
    const samples = findSamples(file, text);
    if (samples.length === 0) continue;
    const blocks: string[] = [];
    for (const sample of samples) {
      blocks.push(sampleBlock(sample, await run(sample)));
    }
    samples.forEach((sample, i) => {
      if (sample.current !== blocks[i])
        stale.push(`${file}: ${sample.tool === 'lz' ? 'lz' : 'npm run -s'} ${sample.args.join(' ')}`);
    });
    if (!check) writeFileSync(file, rewriteSamples(text, samples, blocks));
  }
  if (check && stale.length > 0) {
    process.stderr.write(
      `${stale.length} sample output(s) are out of date: run \`npm run docs:samples\`\n${stale.join('\n')}\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    check
      ? 'docs samples: every block matches its command\n'
      : `docs samples: ${stale.length} block(s) rewritten\n`,
  );
}

void main();
