import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import type { AuditEntry } from '@atelier/contracts';
import { UsersApi, problemMessage } from '@atelier/console/data-access';
import { AuditApi } from '@atelier/console/data-access/admin';
import { AUDIT_ACTION_GROUPS, auditActionLabel } from './audit-actions';
import { toAuditRows, type AuditRow } from './audit-rows';

const PAGE_SIZE = 50;
/** The action select's choice that reveals a field for an action this console does not list. */
const OTHER_ACTION = '*other*';

interface UserOption {
  readonly value: string;
  readonly label: string;
}

/**
 * Settings → Audit log (admins): who did what, newest first, filtered by action and by user (both
 * in the address, so a filtered log can be shared), paged with "Load more"; cards on a phone.
 */
@Component({
  selector: 'atl-audit-tab',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    NgTemplateOutlet,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-tab.component.html',
  styleUrls: ['../shared/settings.scss', './audit-tab.component.scss'],
})
export class AuditTab {
  private readonly api = inject(AuditApi);
  private readonly usersApi = inject(UsersApi);
  private readonly router = inject(Router);

  /** Query parameters: `?action=auth.login_failed&actor=<user id>`. */
  readonly action = input<string | undefined>();
  readonly actor = input<string | undefined>();

  protected readonly actionGroups = AUDIT_ACTION_GROUPS;
  protected readonly otherAction = OTHER_ACTION;
  protected readonly columns = ['at', 'who', 'action', 'target', 'ip', 'details'];
  protected readonly compact = toSignal(inject(BreakpointObserver).observe('(max-width: 600px)').pipe(map((s) => s.matches)), { initialValue: false });

  private readonly query = computed(() => ({ action: this.action()?.trim() || null, actor: this.actor() || null }), {
    equal: (a, b) => a.action === b.action && a.actor === b.actor,
  });
  protected readonly filtered = computed(() => !!(this.query().action || this.query().actor));
  /** What the action select shows: an action it does not list shows as "Other", with the name in a field. */
  protected readonly actionChoice = linkedSignal(() => {
    const action = this.query().action;
    return !action ? '' : auditActionLabel(action) ? action : OTHER_ACTION;
  });

  private readonly reload = signal(0);
  /** The entries of the pages already shown, and the cursor of the page loading or shown last. Back to the top when a filter changes. */
  private readonly position = linkedSignal<unknown, { readonly earlier: readonly AuditEntry[]; readonly cursor: string | null }>({
    source: () => [this.query(), this.reload()],
    computation: () => ({ earlier: [], cursor: null }),
  });
  protected readonly page = rxResource({
    params: () => ({ ...this.query(), cursor: this.position().cursor }),
    stream: ({ params }) => this.api.list({ ...params, limit: PAGE_SIZE }),
  });
  private readonly users = rxResource({ stream: () => this.usersApi.list() });

  protected readonly loadError = computed(() => (this.page.error() ? problemMessage(this.page.error()) : null));
  protected readonly nextCursor = computed(() => (this.page.hasValue() ? this.page.value().next_cursor : null));
  private readonly knownUsers = computed(() => (this.users.hasValue() ? this.users.value() : null));
  protected readonly rows = computed<readonly AuditRow[]>(() =>
    toAuditRows([...this.position().earlier, ...(this.page.hasValue() ? this.page.value().audit : [])], this.knownUsers()),
  );
  protected readonly countLabel = computed(() => {
    const n = this.rows().length;
    if (this.nextCursor()) return `Newest ${n} entries`;
    return n === 1 ? 'The only entry' : `All ${n} entries`;
  });
  protected readonly userOptions = computed<readonly UserOption[]>(() => {
    const options = (this.knownUsers() ?? [])
      .map((u) => ({ value: u.user_id, label: u.name ? `${u.name} (${u.email})` : u.email }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const actor = this.query().actor;
    // A user deleted since, reached by a shared address: the select still says whose entries these are.
    if (actor && this.knownUsers() && !options.some((o) => o.value === actor)) options.push({ value: actor, label: `Deleted user ${actor}` });
    return options;
  });

  protected chooseAction(choice: string): void {
    if (choice === OTHER_ACTION) this.actionChoice.set(OTHER_ACTION);
    else this.setFilter('action', choice);
  }

  protected setFilter(name: 'action' | 'actor', value: string): void {
    void this.router.navigate([], { queryParams: { [name]: value.trim() || null }, queryParamsHandling: 'merge' });
  }

  protected clearFilters(): void {
    void this.router.navigate([], { queryParams: { action: null, actor: null }, queryParamsHandling: 'merge' });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || !this.page.hasValue() || this.page.isLoading()) return;
    const shown = this.page.value().audit;
    this.position.update((p) => ({ earlier: [...p.earlier, ...shown], cursor }));
  }

  /** After a failed page: ask for the same page again. */
  protected retry(): void {
    this.page.reload();
  }

  /** Back to the newest entries. */
  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }
}
