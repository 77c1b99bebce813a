import type { Routes } from '@angular/router';
import { roleGuard } from '@atelier/console/data-access';
import { ApiKeysTab } from './api-keys/api-keys-tab.component';
import { AuditTab } from './audit/audit-tab.component';
import { SettingsPage } from './page/settings-page.component';
import { UsersTab } from './users/users-tab.component';

/** `/settings/api-keys` and `/settings/webhooks` for everyone, `/settings/users` and `/settings/audit` for admins. */
export const settingsRoutes: Routes = [
  {
    path: '',
    component: SettingsPage,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'api-keys' },
      { path: 'api-keys', title: 'API keys · Settings · Atelier', component: ApiKeysTab },
      {
        path: 'webhooks',
        title: 'Webhooks · Settings · Atelier',
        loadComponent: () => import('./webhooks/webhooks-tab.component').then((m) => m.WebhooksTab),
      },
      {
        path: 'webhooks/:webhookId',
        title: 'Webhook deliveries · Settings · Atelier',
        loadComponent: () => import('./webhooks/webhook-deliveries-page.component').then((m) => m.WebhookDeliveriesPage),
      },
      { path: 'users', title: 'Users · Settings · Atelier', canActivate: [roleGuard('admin', '/settings/api-keys')], component: UsersTab },
      { path: 'audit', title: 'Audit log · Settings · Atelier', canActivate: [roleGuard('admin', '/settings/api-keys')], component: AuditTab },
      { path: '**', redirectTo: 'api-keys' },
    ],
  },
];
