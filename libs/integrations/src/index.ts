export * from './lib/integrations.module';
export * from './lib/idempotency/idempotent.decorator';
export * from './lib/idempotency/idempotency.interceptor';
export * from './lib/idempotency/idempotency.store';
export * from './lib/idempotency/idempotency-errors';
export * from './lib/idempotency/request-fingerprint';
