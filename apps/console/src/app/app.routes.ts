import type { Routes } from '@angular/router';

/** Every page is lazy: the first load carries only the shell and the task manager. */
export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'analyzers' },
  {
    path: 'analyzers',
    title: 'Analyzers · Atelier',
    loadComponent: () => import('@atelier/console/analyzers').then((m) => m.AnalyzersPage),
  },
  {
    path: 'presets',
    title: 'Presets · Atelier',
    loadComponent: () => import('@atelier/console/presets').then((m) => m.PresetsPage),
  },
  {
    path: 'presets/:presetId',
    title: 'Preset · Atelier',
    loadComponent: () => import('@atelier/console/presets').then((m) => m.PresetDetailPage),
  },
  {
    path: 'jobs',
    title: 'Jobs · Atelier',
    loadComponent: () => import('@atelier/console/jobs').then((m) => m.JobsPage),
  },
  { path: '**', redirectTo: 'analyzers' },
];
