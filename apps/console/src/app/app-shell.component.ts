import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthState, hasRole, problemMessage } from '@atelier/console/data-access';
import { TaskManager } from '@atelier/console/task-manager';
import { UserMenu } from '@atelier/console/ui';
import { ThemeToggle } from './theme/theme-toggle.component';

interface NavLink {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
}

/** The operator's pages, for operators and admins. */
const OPERATOR_LINKS: readonly NavLink[] = [
  { path: '/dashboard', label: 'Dashboard', icon: 'dashboard' },
  { path: '/queues', label: 'Queues', icon: 'queues' },
  { path: '/workers', label: 'Workers', icon: 'workers' },
];

/**
 * The frame of every page: top bar with navigation, the theme menu and the user menu, the page, and the floating
 * task manager. Signed out (login, setup), only the brand and the page.
 */
@Component({
  selector: 'atl-root',
  imports: [MatToolbarModule, MatButtonModule, MatIconModule, RouterOutlet, RouterLink, RouterLinkActive, TaskManager, ThemeToggle, UserMenu],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app-shell.component.html',
  styleUrl: './app-shell.component.scss',
})
export class AppShell {
  private readonly auth = inject(AuthState);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly user = this.auth.user;
  protected readonly links = computed<readonly NavLink[]>(() => [
    { path: '/analyzers', label: 'Analyzers', icon: 'auto_awesome' },
    { path: '/presets', label: 'Presets', icon: 'palette' },
    { path: '/jobs', label: 'Jobs', icon: 'tasks' },
    ...(hasRole(this.user()?.role, 'operator') ? OPERATOR_LINKS : []),
  ]);

  protected signOut(): void {
    this.auth.signOut().subscribe({
      error: (err: unknown) => this.snackBar.open(`Could not sign out: ${problemMessage(err)}`, 'Close', { duration: 8000 }),
    });
  }
}
