export * from './lib/api/api-base-url';
export * from './lib/api/problem-message';
export * from './lib/api/jobs-api';
export * from './lib/api/analyzers-api';
export * from './lib/api/presets-api';
export * from './lib/stream/jobs-stream.reducer';
export * from './lib/stream/event-source-messages';
export * from './lib/stream/jobs-stream';
