#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { registerComplianceChecks } from '../lib/compliance/register-checks';
import { ConfigValidationError } from '../lib/config/diagnostics';
import { loadConfig } from '../lib/config/load';
import { buildLandingZone } from '../stacks/landing-zone';

// bin/ is the only place that reads the environment; everything below gets typed props.
const configFile = process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml';

try {
  const config = loadConfig(configFile);
  const app = new App();
  buildLandingZone(app, config);
  registerComplianceChecks(app);
  app.synth();
} catch (error) {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
