import type { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from '@atelier/console/data-access';

/** Every page is lazy: the first load carries only the shell and the task manager. */
export const appRoutes: Routes = [
  {
    path: 'login',
    title: 'Sign in · Atelier',
    canActivate: [signedOutGuard],
    loadComponent: () => import('@atelier/console/access').then((m) => m.LoginPage),
  },
  {
    path: 'setup',
    title: 'Set up · Atelier',
    loadComponent: () => import('@atelier/console/access').then((m) => m.SetupPage),
  },
  {
    path: '',
    canActivateChild: [signedInGuard],
    children: [
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
      {
        path: 'jobs/:job_id',
        title: 'Job · Atelier',
        loadComponent: () => import('@atelier/console/jobs').then((m) => m.JobDetailPage),
      },
      {
        path: '',
        loadChildren: () => import('@atelier/console/operations').then((m) => m.operationsRoutes),
      },
      {
        path: 'settings',
        title: 'Settings · Atelier',
        loadChildren: () => import('@atelier/console/settings').then((m) => m.settingsRoutes),
      },
      { path: '**', redirectTo: 'analyzers' },
    ],
  },
];
