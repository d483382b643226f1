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

// The report pages opened in headless Chromium: a project of their own, so `--selectProjects unit`
// runs without a browser and the pages can be checked on their own (`--selectProjects browser`).
const BROWSER_TESTS = '\\.browser\\.test\\.ts$';

// The example is synthesised once per run, with every check, for the tests that read its templates;
// both projects that read it share the cached assembly (the second set-up finds it current).
const withExample = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  roots: ['<rootDir>/test'],
  setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
};

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
      ...withExample,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', `${OPS_INTEGRATION}/`, BROWSER_TESTS],
    },
    {
      ...shared,
      ...withExample,
      displayName: 'browser',
      testMatch: ['**/*.browser.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', `${OPS_INTEGRATION}/`],
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
