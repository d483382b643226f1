// One measured run, in its own process so that peak memory belongs to this run alone.
// Usage: ts-node --swc scripts/bench/waves-once.ts <waves-dir> <outdir> <validate|synth>
import { performance } from 'node:perf_hooks';
import { cdkJsonContext } from '../../lib/cdk-json';
import { loadConfig } from '../../lib/config/load';
import { validateWavesDir } from '../../lib/waves/load';
import { createLandingZoneApp } from '../../stacks/landing-zone-app';

const [wavesDir, outdir, mode] = process.argv.slice(2);
if (!wavesDir || !outdir || (mode !== 'validate' && mode !== 'synth')) {
  throw new Error('usage: waves-once.ts <waves-dir> <outdir> <validate|synth>');
}
const config = loadConfig('config/landing-zone.yaml');
const started = performance.now();
const result = validateWavesDir(wavesDir, config);
if (!result.plan) {
  throw new Error(
    `invalid benchmark plan: ${JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error').slice(0, 3))}`,
  );
}
const validatedMs = performance.now() - started;
let stacks = 0;
if (mode === 'synth') {
  const { app } = createLandingZoneApp(
    config,
    // cdk.json's feature flags, as `cdk synth` applies them, so the benchmark synthesises what CI does.
    { outdir, context: { ...cdkJsonContext(), '@aws-cdk/core:validateAgainstDefaultRules': true } },
    result.plan,
  );
  stacks = app.synth().stacks.length;
}
const elapsedMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ validatedMs, elapsedMs, stacks, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
