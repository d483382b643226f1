const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
  },
  // Unit tests run without the built-in CloudFormation validation (about 3 s per file);
  // test/synth/builtin-validation.test.ts switches it back on for the whole app.
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 120000,
};

// The operations integration tests against one moto_server per run (docs/operations.md, Tests).
const OPS_INTEGRATION = '<rootDir>/test/lib/ops/integration';

/** @type {import('jest').Config} */
module.exports = {
  // Every core: the suite is CPU-bound, and CI machines have two.
  maxWorkers: '100%',
  // Jest reads the test timeout from the top level, not from a project.
  testTimeout: shared.testTimeout,
  // The ops integration rows mostly wait on timeouts: run more of them side by side (it.concurrent).
  maxConcurrency: 10,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // The example is synthesised once per run, with every check, for the tests that read its templates.
      globalSetup: '<rootDir>/test/global-setup.ts',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', `${OPS_INTEGRATION}/`],
      setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
    },
    {
      ...shared,
      displayName: 'ops-integration',
      roots: [OPS_INTEGRATION],
      testMatch: ['**/*.test.ts'],
      testEnvironment: `${OPS_INTEGRATION}/environment.ts`,
      globalSetup: `${OPS_INTEGRATION}/global-setup.ts`,
      globalTeardown: `${OPS_INTEGRATION}/global-teardown.ts`,
    },
  ],
};
