import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import type { User } from '@atelier/contracts';
import { ROLE_LABELS } from './role-labels';

/** The signed-in user in the top bar: who and which role, Settings, Sign out. Presentational. */
@Component({
  selector: 'atl-user-menu',
  imports: [MatButtonModule, MatDividerModule, MatIconModule, MatMenuModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-menu.component.html',
  styleUrl: './user-menu.component.scss',
})
export class UserMenu {
  readonly user = input.required<User>();
  readonly signOut = output<void>();

  protected readonly displayName = computed(() => this.user().name || this.user().email);
  protected readonly initial = computed(() => this.displayName().charAt(0).toUpperCase());
  protected readonly role = computed(() => ROLE_LABELS[this.user().role]);
}
