#!/usr/bin/env node
import { ConfigValidationError } from '../lib/config/diagnostics';
import { loadConfig } from '../lib/config/load';
import { loadWavePlan } from '../lib/waves/load';
import { createDeliveryPipelineApp } from '../stacks/delivery-pipeline-app';

// The CodePipeline app (npm run synth:pipeline); bin/ is the only place that reads the environment.
const configFile = process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml';
const wavesDir = process.env['LZ_WAVES'] ?? 'migration-waves';

try {
  const config = loadConfig(configFile);
  const plan = loadWavePlan(wavesDir, config);
  createDeliveryPipelineApp(config, plan).app.synth();
} catch (error) {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
