#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ConfigValidationError } from '../lib/config/diagnostics';
import { loadConfig } from '../lib/config/load';
import { createGithubOidcStacks } from '../stacks/github-oidc-app';

// One-time GitHub OIDC setup (docs/delivery.md): one stack per landing-zone account.
const configFile = process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml';

try {
  const app = new App();
  createGithubOidcStacks(app, loadConfig(configFile));
  app.synth();
} catch (error) {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
