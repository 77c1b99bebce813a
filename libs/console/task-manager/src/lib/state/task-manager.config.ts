import { InjectionToken, type Provider } from '@angular/core';

export interface TaskManagerConfig {
  /** How long a notice (a job completed or failed, a reconnect) stays on screen. */
  readonly snackbarMs: number;
}

export const DEFAULT_TASK_MANAGER_CONFIG: TaskManagerConfig = { snackbarMs: 6000 };

export const TASK_MANAGER_CONFIG = new InjectionToken<TaskManagerConfig>('TASK_MANAGER_CONFIG', {
  providedIn: 'root',
  factory: () => DEFAULT_TASK_MANAGER_CONFIG,
});

export function provideTaskManagerConfig(config: Partial<TaskManagerConfig>): Provider {
  return { provide: TASK_MANAGER_CONFIG, useValue: { ...DEFAULT_TASK_MANAGER_CONFIG, ...config } };
}
