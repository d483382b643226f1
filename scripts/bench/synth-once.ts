// One measured run, in its own process so that peak memory belongs to this run alone.
// Usage: ts-node --swc scripts/bench/synth-once.ts <config> <outdir> <validate-only|synth|bare>
// `bare` builds and synthesises the app with no validation plugin at all (no rule pack, no built-in
// CloudFormation validation): the floor the real synth is compared with.
import { performance } from 'node:perf_hooks';
import { cdkJsonContext } from '../../lib/cdk-json';
import { loadConfig, validateConfigFile } from '../../lib/config/load';
import { App } from 'aws-cdk-lib';
import { createLandingZoneApp } from '../../stacks/landing-zone-app';
import { buildLandingZone } from '../../stacks/landing-zone';

const [configFile, outdir, mode] = process.argv.slice(2);
if (!configFile || !outdir || (mode !== 'validate-only' && mode !== 'synth' && mode !== 'bare')) {
  throw new Error('usage: synth-once.ts <config> <outdir> <validate-only|synth|bare>');
}
const started = performance.now();
if (mode === 'validate-only') {
  const result = validateConfigFile(configFile);
  if (!result.config) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
    throw new Error(`invalid benchmark configuration: ${JSON.stringify(errors)}`);
  }
} else if (mode === 'bare') {
  const app = new App({ outdir, context: cdkJsonContext(), builtinCloudFormationValidation: false });
  buildLandingZone(app, loadConfig(configFile));
  process.stderr.write(`${app.synth().stacks.length} stacks\n`);
} else {
  const { app } = createLandingZoneApp(loadConfig(configFile), {
    outdir,
    context: cdkJsonContext(),
  });
  const assembly = app.synth();
  process.stderr.write(`${assembly.stacks.length} stacks\n`);
}
const elapsedMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ elapsedMs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
