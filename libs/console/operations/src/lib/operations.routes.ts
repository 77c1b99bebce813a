import type { Routes } from '@angular/router';
import { roleGuard } from '@atelier/console/data-access';

/**
 * The operator's pages, `/dashboard`, `/queues` and `/workers`, for operators and admins. Each is
 * a lazy chunk of its own: the dashboard's carries the chart library, the others do not.
 */
export const operationsRoutes: Routes = [
  {
    path: 'dashboard',
    title: 'Dashboard · Atelier',
    canActivate: [roleGuard('operator', '/analyzers')],
    loadComponent: () => import('./dashboard/dashboard-page.component').then((m) => m.DashboardPage),
  },
  {
    path: 'queues',
    title: 'Queues · Atelier',
    canActivate: [roleGuard('operator', '/analyzers')],
    loadComponent: () => import('./queues/queues-page.component').then((m) => m.QueuesPage),
  },
  {
    path: 'workers',
    title: 'Workers · Atelier',
    canActivate: [roleGuard('operator', '/analyzers')],
    loadComponent: () => import('./workers/workers-page.component').then((m) => m.WorkersPage),
  },
];
