import { InjectionToken, type Provider } from '@angular/core';

export interface TaskManagerConfig {
  /** How long a completed job stays in the panel before it is dismissed (it stays on the Jobs page). */
  readonly autoDismissMs: number;
  /** How long the "completed / failed" snackbar stays. */
  readonly snackbarMs: number;
}

export const DEFAULT_TASK_MANAGER_CONFIG: TaskManagerConfig = { autoDismissMs: 5000, snackbarMs: 6000 };

export const TASK_MANAGER_CONFIG = new InjectionToken<TaskManagerConfig>('TASK_MANAGER_CONFIG', {
  providedIn: 'root',
  factory: () => DEFAULT_TASK_MANAGER_CONFIG,
});

export function provideTaskManagerConfig(config: Partial<TaskManagerConfig>): Provider {
  return { provide: TASK_MANAGER_CONFIG, useValue: { ...DEFAULT_TASK_MANAGER_CONFIG, ...config } };
}
