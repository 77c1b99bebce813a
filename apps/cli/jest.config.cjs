// The CLI is an ES module (yargs 18 ships only as ESM), so its tests run as ESM too:
// `node --experimental-vm-modules`, swc emitting ES modules.
const preset = require('../../jest.preset.cjs');
const { swcOptions } = require('../../tools/build/swc-options.cjs');

const swc = swcOptions({ sourceMaps: 'inline' });

module.exports = {
  ...preset,
  displayName: 'cli',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, module: { type: 'es6' }, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/'],
};
