module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'distributed',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // One file at a time: the cluster test stops and restarts the Redis server the contract suite uses.
  maxWorkers: 1,
  // Real PostgreSQL and Redis: a busy machine's fsyncs and wake-ups can take a case past Jest's 5 s
  // default although its own waits (10 s) have not run out.
  testTimeout: 30_000,
};
