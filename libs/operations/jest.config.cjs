module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'operations',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
