module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'presets',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
