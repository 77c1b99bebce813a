import type { Routes } from '@angular/router';
import { roleGuard } from '@atelier/console/data-access';
import { ApiKeysTab } from './api-keys/api-keys-tab.component';
import { AuditTab } from './audit/audit-tab.component';
import { SettingsPage } from './page/settings-page.component';
import { UsersTab } from './users/users-tab.component';

/** `/settings/api-keys` for everyone, `/settings/users` and `/settings/audit` for admins. */
export const settingsRoutes: Routes = [
  {
    path: '',
    component: SettingsPage,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'api-keys' },
      { path: 'api-keys', title: 'API keys · Settings · Atelier', component: ApiKeysTab },
      { path: 'users', title: 'Users · Settings · Atelier', canActivate: [roleGuard('admin', '/settings/api-keys')], component: UsersTab },
      { path: 'audit', title: 'Audit log · Settings · Atelier', canActivate: [roleGuard('admin', '/settings/api-keys')], component: AuditTab },
      { path: '**', redirectTo: 'api-keys' },
    ],
  },
];
