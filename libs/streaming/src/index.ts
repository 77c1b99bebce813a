export * from './lib/streaming.module';
export * from './lib/job-stream.service';
export * from './lib/job-event-broadcaster';
export * from './lib/job-event-filter';
export * from './lib/stream-admission.middleware';
