#!/usr/bin/env node
import { createProgram } from '../lib/cli/program';
import { synthesiseApp } from '../stacks/synthesis';

// bin/ reads the environment; the commands in lib/cli get plain options and return their output.
// The AWS SDK's notice that later releases need Node 22 is for us, not for the person on the rota
// (docs/ecosystem: only Node 20 is installable here); an explicit setting still wins.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

// aws-cdk-lib warns on stdout whenever a deprecated property is read, and cdk-nag's rules read some
// (CfnEventBusPolicy#principal) on every synth: not actionable by the user, and it would break --json.
// Our own code cannot use deprecated APIs: eslint's no-deprecated rule fails the lint.
process.env['JSII_DEPRECATED'] ??= 'quiet';
const program = createProgram({
  defaults: {
    config: process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml',
    waves: process.env['LZ_WAVES'] ?? 'migration-waves',
  },
  today: new Date().toISOString().slice(0, 10),
  debug: process.env['LZ_DEBUG'] !== undefined && process.env['LZ_DEBUG'] !== '',
  app: { synthesise: synthesiseApp },
  progress: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY },
  ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
  emit: (output) => {
    process.stdout.write(output.stdout);
    process.stderr.write(output.stderr);
    process.exitCode = output.exitCode;
  },
});

void program.parseAsync();
