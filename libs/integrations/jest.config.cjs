module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'integrations',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
