export * from './testing/job-engine.contract';
export * from './testing/event-bus.contract';
export * from './testing/fake-handlers';
export * from './testing/wait';
