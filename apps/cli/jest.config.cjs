// Two kinds of tests. The CLI's own code is an ES module (yargs 18 ships only as ESM), so its unit tests run as
// ESM (`node --experimental-vm-modules`, swc emitting ES modules). The end-to-end tests run the built CLI as a
// child process and reuse the API tests' CommonJS server harness, so they run as CommonJS like other projects.
const preset = require('../../jest.preset.cjs');
const { swcOptions } = require('../../tools/build/swc-options.cjs');

const swc = swcOptions({ sourceMaps: 'inline' });

module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'cli',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.e2e\\.spec\\.ts$'],
      extensionsToTreatAsEsm: ['.ts'],
      transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, module: { type: 'es6' }, swcrc: false }] },
      transformIgnorePatterns: ['/node_modules/'],
    },
    {
      ...preset,
      displayName: 'cli-e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
    },
  ],
};
