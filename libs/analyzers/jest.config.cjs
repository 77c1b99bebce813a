module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'analyzers',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
