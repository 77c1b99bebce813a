import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthState } from '@atelier/console/data-access';

interface SettingsTab {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
}

/** Settings: a tab per section, each its own route (API keys, Webhooks); Users and the audit log only for admins. */
@Component({
  selector: 'atl-settings-page',
  imports: [MatIconModule, MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="atl-page-header">
      <div>
        <h1>Settings</h1>
        <p>{{ isAdmin() ? 'API keys and webhooks for integrations, who can use this Atelier, and what they did.' : 'API keys and webhooks for your integrations.' }}</p>
      </div>
    </header>
    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Settings sections">
      @for (tab of tabs(); track tab.path) {
        <a mat-tab-link [routerLink]="tab.path" routerLinkActive #rla="routerLinkActive" [active]="rla.isActive" [attr.data-testid]="'settings-tab-' + tab.path">
          <mat-icon [svgIcon]="tab.icon" aria-hidden="true" />{{ tab.label }}
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel class="panel"><router-outlet /></mat-tab-nav-panel>
  `,
  styles: `
    :host { display: block; }
    a mat-icon { margin-right: 8px; }
    .panel { display: block; padding-top: 20px; }
  `,
})
export class SettingsPage {
  protected readonly isAdmin = inject(AuthState).isAdmin;
  protected readonly tabs = computed<readonly SettingsTab[]>(() => [
    { path: 'api-keys', label: 'API keys', icon: 'key' },
    { path: 'webhooks', label: 'Webhooks', icon: 'webhook' },
    ...(this.isAdmin()
      ? [
          { path: 'users', label: 'Users', icon: 'people' },
          { path: 'audit', label: 'Audit log', icon: 'schedule' },
        ]
      : []),
  ]);
}
