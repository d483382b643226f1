#!/usr/bin/env node
import { ConfigValidationError } from '../lib/config/diagnostics';
import { loadConfig } from '../lib/config/load';
import { createLandingZoneApp } from '../stacks/landing-zone-app';

// bin/ is the only place that reads the environment; everything below gets typed props.
const configFile = process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml';

try {
  // The same validation as `lz validate`, so a bad file never reaches CloudFormation.
  const config = loadConfig(configFile);
  createLandingZoneApp(config).app.synth();
} catch (error) {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
