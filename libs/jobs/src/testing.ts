export * from './testing/job-engine.contract';
export * from './testing/fake-handlers';
export * from './testing/wait';
