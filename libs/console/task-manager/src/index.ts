export * from './lib/task-manager.component';
export * from './lib/state/task-manager.config';
