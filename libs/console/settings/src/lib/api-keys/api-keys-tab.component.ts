import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { filter, of, switchMap } from 'rxjs';
import type { ApiKey, CreatedApiKey } from '@atelier/contracts';
import { ApiKeysApi, AuthState, UsersApi, problemMessage } from '@atelier/console/data-access';
import { ROLE_LABELS, confirmAction } from '@atelier/console/ui';
import { ApiKeyCreateDialog, type ApiKeyCreateData } from './api-key-create-dialog.component';
import { ApiKeyCreatedDialog } from './api-key-created-dialog.component';
import { isExpired } from './key-expiry';

interface KeyRow {
  readonly key: ApiKey;
  /** Whose key it is (admins see everyone's). */
  readonly owner: string;
  readonly role: string;
  readonly expired: boolean;
}

/** Settings → API keys: one's own keys (an admin's: everyone's); create one, see its secret once, revoke. */
@Component({
  selector: 'atl-api-keys-tab',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-keys-tab.component.html',
  styleUrl: '../shared/settings.scss',
})
export class ApiKeysTab {
  private readonly api = inject(ApiKeysApi);
  private readonly usersApi = inject(UsersApi);
  private readonly auth = inject(AuthState);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly isAdmin = this.auth.isAdmin;
  private readonly reload = signal(0);
  protected readonly keys = rxResource({ params: () => this.reload(), stream: () => this.api.list() });
  /** Admins only: who each key belongs to. */
  private readonly users = rxResource({
    params: () => (this.isAdmin() ? true : undefined),
    stream: ({ params }) => (params ? this.usersApi.list() : of([])),
  });
  protected readonly loadError = computed(() => (this.keys.error() ? problemMessage(this.keys.error()) : null));
  protected readonly rows = computed<readonly KeyRow[]>(() => {
    const now = Date.now();
    const me = this.auth.user();
    const owners = new Map((this.users.hasValue() ? this.users.value() : []).map((u) => [u.user_id, u.name || u.email]));
    return (this.keys.hasValue() ? this.keys.value() : []).map((key) => ({
      key,
      owner: key.user_id === me?.user_id ? 'You' : (owners.get(key.user_id) ?? key.user_id),
      role: ROLE_LABELS[key.role],
      expired: isExpired(key, now),
    }));
  });
  protected readonly columns = computed(() => ['name', 'role', ...(this.isAdmin() ? ['owner'] : []), 'created', 'expires', 'used', 'actions']);

  protected create(): void {
    const me = this.auth.user();
    if (!me) return;
    this.dialog
      .open<ApiKeyCreateDialog, ApiKeyCreateData, CreatedApiKey>(ApiKeyCreateDialog, { data: { role: me.role }, width: '480px', maxWidth: '94vw' })
      .afterClosed()
      .pipe(filter((created): created is CreatedApiKey => !!created))
      .subscribe((created) => {
        this.refresh();
        this.dialog.open(ApiKeyCreatedDialog, { data: created, width: '560px', maxWidth: '94vw', disableClose: true });
      });
  }

  protected revoke(key: ApiKey): void {
    confirmAction(this.dialog, {
      title: 'Revoke this API key?',
      message: `“${key.name}” (${key.prefix}…) stops working at once: whatever uses it gets 401 from now on.`,
      confirmLabel: 'Revoke',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.revoke(key.api_key_id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(`API key “${key.name}” revoked`, 'Close');
          this.refresh();
        },
        error: (err: unknown) => this.snackBar.open(`Could not revoke: ${problemMessage(err)}`, 'Close', { duration: 8000 }),
      });
  }

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }
}
