#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ConfigValidationError } from '../lib/config/diagnostics';
import { loadConfig } from '../lib/config/load';
import { createDeploymentPermissionsStacks, createGithubOidcStacks } from '../stacks/github-oidc-app';

// One-time setup of every account (docs/delivery.md): its deployment permissions (step 2) and its
// GitHub OIDC roles (step 3), one stack of each per landing-zone account.
const configFile = process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml';

try {
  const app = new App();
  const config = loadConfig(configFile);
  createDeploymentPermissionsStacks(app, config);
  createGithubOidcStacks(app, config);
  app.synth();
} catch (error) {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
