export * from './testing/job.factory';
export * from './testing/fake-event-source';
export * from './testing/user.factory';
export * from './testing/webhook.factory';
