export * from './lib/client';
export * from './lib/follow';
export * from './lib/sse-parser';
export type { components, operations, paths } from './generated/schema';
