import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule, type MatSelectChange } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { filter, of, switchMap } from 'rxjs';
import { ROLES, type Role, type User } from '@atelier/contracts';
import { AuthState, UsersApi, problemMessage, type UpdateUserRequest } from '@atelier/console/data-access';
import { ROLE_LABELS, confirmAction } from '@atelier/console/ui';
import { PasswordResetDialog } from './password-reset-dialog.component';
import { UserCreateDialog } from './user-create-dialog.component';

interface UserRow {
  readonly user: User;
  /** The signed-in admin's own row: its role, access and existence are not changed from here. */
  readonly self: boolean;
}

/** Settings → Users (admins): add users, change roles, disable or enable, reset passwords, delete, see what one did. */
@Component({
  selector: 'atl-users-tab',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatMenuModule, MatProgressBarModule, MatSelectModule, MatTableModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-tab.component.html',
  styleUrls: ['../shared/settings.scss', './users-tab.component.scss'],
})
export class UsersTab {
  private readonly api = inject(UsersApi);
  private readonly auth = inject(AuthState);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly columns = ['user', 'role', 'status', 'created', 'actions'];
  private readonly reload = signal(0);
  protected readonly users = rxResource({ params: () => this.reload(), stream: () => this.api.list() });
  /** The list as shown: the last load, with the answers of later changes folded in. */
  private readonly list = linkedSignal(() => (this.users.hasValue() ? this.users.value() : []));
  protected readonly loadError = computed(() => (this.users.error() ? problemMessage(this.users.error()) : null));
  protected readonly rows = computed<readonly UserRow[]>(() => {
    const me = this.auth.user()?.user_id;
    return this.list().map((user) => ({ user, self: user.user_id === me }));
  });

  protected create(): void {
    this.dialog
      .open<UserCreateDialog, undefined, User>(UserCreateDialog, { width: '480px', maxWidth: '94vw' })
      .afterClosed()
      .pipe(filter((user): user is User => !!user))
      .subscribe((user) => {
        this.snackBar.open(`${user.email} can now sign in`, 'Close');
        this.refresh();
      });
  }

  protected changeRole(user: User, change: MatSelectChange<Role>): void {
    this.update(user, { role: change.value }, `${nameOf(user)} is now ${ROLE_LABELS[change.value].toLowerCase()}`, () => (change.source.value = user.role));
  }

  protected toggleDisabled(user: User): void {
    const confirmed = user.disabled
      ? of(true)
      : confirmAction(this.dialog, {
          title: `Disable ${nameOf(user)}?`,
          message: `${user.email} can no longer sign in, and their sessions and API keys stop working at once. You can enable them again later.`,
          confirmLabel: 'Disable',
        });
    confirmed
      .pipe(filter(Boolean))
      .subscribe(() => this.update(user, { disabled: !user.disabled }, `${nameOf(user)} ${user.disabled ? 'enabled' : 'disabled'}`));
  }

  protected resetPassword(user: User): void {
    this.dialog
      .open<PasswordResetDialog, User, User>(PasswordResetDialog, { data: user, width: '440px', maxWidth: '94vw' })
      .afterClosed()
      .pipe(filter((updated): updated is User => !!updated))
      .subscribe((updated) => {
        this.replace(updated);
        this.snackBar.open(`New password set for ${nameOf(updated)}`, 'Close');
      });
  }

  protected remove(user: User): void {
    confirmAction(this.dialog, {
      title: `Delete ${nameOf(user)}?`,
      message: `${user.email} can no longer sign in, and their sessions and API keys stop working at once. This cannot be undone.`,
      confirmLabel: 'Delete',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.delete(user.user_id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(`${user.email} deleted`, 'Close');
          this.refresh();
        },
        error: (err: unknown) => this.snackBar.open(`Could not delete ${nameOf(user)}: ${problemMessage(err)}`, 'Close', { duration: 8000 }),
      });
  }

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }

  private update(user: User, patch: UpdateUserRequest, done: string, revert?: () => void): void {
    this.api.update(user.user_id, patch).subscribe({
      next: (updated) => {
        this.replace(updated);
        this.snackBar.open(done, 'Close');
      },
      error: (err: unknown) => {
        revert?.();
        this.snackBar.open(`Could not change ${nameOf(user)}: ${problemMessage(err)}`, 'Close', { duration: 8000 });
      },
    });
  }

  private replace(updated: User): void {
    this.list.update((list) => list.map((u) => (u.user_id === updated.user_id ? updated : u)));
  }
}

function nameOf(user: User): string {
  return user.name || user.email;
}
