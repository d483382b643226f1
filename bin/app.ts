#!/usr/bin/env node
import { ConfigValidationError } from '../lib/config/diagnostics';
import { loadConfig } from '../lib/config/load';
import { loadWavePlan } from '../lib/waves/load';
import { createLandingZoneApp } from '../stacks/landing-zone-app';

// bin/ is the only place that reads the environment; everything below gets typed props.
const configFile = process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml';
const wavesDir = process.env['LZ_WAVES'] ?? 'migration-waves';

try {
  // The same validation as `lz validate`, so a bad file never reaches CloudFormation.
  const config = loadConfig(configFile);
  // The migration plan is checked with the same rules as `lz waves validate` before any stack exists.
  const plan = loadWavePlan(wavesDir, config);
  createLandingZoneApp(config, {}, plan).app.synth();
} catch (error) {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
