/**
 * Two jest projects:
 *  - unit: pure functions and services, no external process (libs, apps, workflows *.spec.ts)
 *  - integration: real PostgreSQL + real Temporal server, started once per run by test/setup/global-setup.ts
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
  testTimeout: 120000,
  // the default reporter, then how many tests were skipped and why (opt-outs such as SIGAP_SKIP_BROWSER=1)
  reporters: ['default', '<rootDir>/test/setup/skip-summary.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/{libs,apps,workflows,scripts}/**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
