export * from './lib/job';
export * from './lib/job-types';
export * from './lib/job-event';
export * from './lib/analyzer';
export * from './lib/preset';
export * from './lib/problem';
export * from './lib/access';
export * from './lib/operations';
