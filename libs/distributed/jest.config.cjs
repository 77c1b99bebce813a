module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'distributed',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // One file at a time: the cluster test stops and restarts the Redis server the contract suite uses.
  maxWorkers: 1,
};
