import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router, provideRouter } from '@angular/router';
import { of } from 'rxjs';
import type { MockInstance } from 'vitest';
import type { AuditEntry } from '@atelier/contracts';
import { makeUser } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { makeAuditEntry } from '../../testing/audit-entry.factory';
import { AuditTab } from './audit-tab.component';

describe('AuditTab', () => {
  let fixture: ComponentFixture<AuditTab>;
  let http: HttpTestingController;
  let navigate: MockInstance<Router['navigate']>;
  const ada = makeUser({ role: 'admin', name: 'Ada', email: 'ada@atelier.test' });
  const grace = makeUser({ role: 'member', name: '', email: 'grace@atelier.test' });

  /** Creates the tab (a phone-width screen when `phone`), with these query parameters, and answers the user list. */
  function setUp(options: { phone?: boolean; action?: string; actor?: string } = {}): void {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideConsoleIcons(),
        { provide: BreakpointObserver, useValue: { observe: () => of({ matches: !!options.phone, breakpoints: {} }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(AuditTab);
    fixture.componentRef.setInput('action', options.action);
    fixture.componentRef.setInput('actor', options.actor);
    fixture.detectChanges();
    http.expectOne('/api/users').flush({ users: [ada, grace] });
  }

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  /** What a node says, its parts (a name and the email under it, say) apart by a space. */
  const text = (node: Element | null | undefined): string =>
    [...(node?.childNodes ?? [])]
      .filter((n) => n.nodeType !== Node.COMMENT_NODE)
      .map((n) => n.textContent?.replace(/\s+/g, ' ').trim() ?? '')
      .filter(Boolean)
      .join(' ');
  /** The text of each cell, row by row. */
  const tableRows = () => [...el().querySelectorAll('tr[data-testid="audit-entry"]')].map((r) => [...r.querySelectorAll('td')].map(text));
  const byTestId = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const loader = () => TestbedHarnessEnvironment.loader(fixture);
  const select = (id: string) => loader().getHarness(MatSelectHarness.with({ selector: `[data-testid="${id}"]` }));
  /** The pending request for the log, with its query parameters. */
  function auditRequest(): { request: TestRequest; params: Record<string, string> } {
    const request = http.expectOne((r) => r.url === '/api/audit');
    const params = Object.fromEntries(request.request.params.keys().map((k) => [k, request.request.params.get(k) ?? '']));
    return { request, params };
  }
  async function answer(audit: AuditEntry[], next_cursor: string | null = null): Promise<Record<string, string>> {
    const { request, params } = auditRequest();
    request.flush({ audit, next_cursor });
    await fixture.whenStable();
    return params;
  }

  it('shows the newest entries in a table: when, who by name, the action in words, target, address and details', async () => {
    setUp();
    const params = await answer([
      makeAuditEntry({ actor: ada.user_id, action: 'user.updated', target: grace.user_id, ip: '10.0.0.7', detail: { changed: ['role'], password_changed: false } }),
      makeAuditEntry({ actor: null, action: 'auth.login_failed', target: 'mallory@evil.test', ip: '203.0.113.9' }),
      makeAuditEntry({ actor: grace.user_id, action: 'job.cancelled', target: 'job-1', ip: null }),
    ]);
    expect(params).toEqual({ limit: '50' });
    expect([...el().querySelectorAll('th')].map(text)).toEqual(['Time', 'Who', 'Action', 'Target', 'Address', 'Details']);
    const [changed, failed, cancelled] = tableRows();
    expect(changed[0]).toContain('2025');
    expect(changed.slice(1)).toEqual(['Ada ada@atelier.test', 'User changed user.updated', 'grace@atelier.test', '10.0.0.7', 'changed: role · password changed: no']);
    expect(failed.slice(1, 5)).toEqual(['Anonymous', 'Sign-in failed auth.login_failed', 'mallory@evil.test', '203.0.113.9']);
    expect(el().querySelector('tr[data-testid="audit-entry"]:nth-of-type(2) .chip.off')).not.toBeNull();
    expect(cancelled.slice(1, 5)).toEqual(['grace@atelier.test', 'Job cancelled job.cancelled', 'job-1', '—']);
    expect(el().querySelector('a[href="/jobs?job=job-1"]')).not.toBeNull();
    expect(text(byTestId('audit-count'))).toBe('All 3 entries');
    expect(byTestId('audit-more')).toBeNull();
  });

  it('pages with "Load more": the next page is added below, until there is no next cursor', async () => {
    setUp();
    await answer([makeAuditEntry({ target: 'first' }), makeAuditEntry({ target: 'second' })], 'cursor-2');
    expect(text(byTestId('audit-count'))).toBe('Newest 2 entries');

    byTestId('audit-more')!.click();
    TestBed.tick();
    const params = await answer([makeAuditEntry({ target: 'third' })]);
    expect(params).toEqual({ limit: '50', cursor: 'cursor-2' });
    expect(tableRows().map((r) => r[3])).toEqual(['first', 'second', 'third']);
    expect(text(byTestId('audit-count'))).toBe('All 3 entries');
    expect(byTestId('audit-more')).toBeNull();
  });

  it('asks the server for the action and user in the address, from the first page again when they change', async () => {
    setUp({ action: 'auth.login_failed', actor: grace.user_id });
    expect(await answer([makeAuditEntry({ target: 'a' })], 'cursor-2')).toEqual({ limit: '50', action: 'auth.login_failed', actor: grace.user_id });
    expect(await (await select('audit-action-filter')).getValueText()).toBe('Sign-in failed');
    expect(await (await select('audit-user-filter')).getValueText()).toBe('grace@atelier.test');
    byTestId('audit-more')!.click();
    TestBed.tick();
    await answer([makeAuditEntry({ target: 'b' })], 'cursor-3');

    fixture.componentRef.setInput('action', 'user.created');
    TestBed.tick();
    expect(await answer([makeAuditEntry({ target: 'c' })])).toEqual({ limit: '50', action: 'user.created', actor: grace.user_id });
    expect(tableRows().map((r) => r[3])).toEqual(['c']);
  });

  it('puts the chosen action and user in the address, and clears both', async () => {
    setUp();
    await answer([makeAuditEntry()]);
    await (await select('audit-action-filter')).clickOptions({ text: 'API key revoked' });
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { action: 'api_key.revoked' }, queryParamsHandling: 'merge' });

    const users = await select('audit-user-filter');
    await users.open();
    expect(await Promise.all((await users.getOptions()).map((o) => o.getText()))).toEqual(['Anyone', 'Ada (ada@atelier.test)', 'grace@atelier.test']);
    await users.clickOptions({ text: 'Ada (ada@atelier.test)' });
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { actor: ada.user_id }, queryParamsHandling: 'merge' });

    expect(byTestId('audit-clear')).toBeNull();
    fixture.componentRef.setInput('actor', ada.user_id);
    TestBed.tick();
    await answer([]);
    byTestId('audit-clear')!.click();
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { action: null, actor: null }, queryParamsHandling: 'merge' });
  });

  it('takes an action it does not list as free text, and shows one from the address the same way', async () => {
    setUp();
    await answer([makeAuditEntry()]);
    expect(byTestId('audit-action-name')).toBeNull();
    await (await select('audit-action-filter')).clickOptions({ text: 'Other action…' });
    expect(navigate).not.toHaveBeenCalled();
    const field = byTestId('audit-action-name') as HTMLInputElement;
    field.value = ' queue.paused ';
    field.dispatchEvent(new Event('change'));
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { action: 'queue.paused' }, queryParamsHandling: 'merge' });

    fixture.componentRef.setInput('action', 'queue.paused');
    TestBed.tick();
    expect(await answer([])).toEqual({ limit: '50', action: 'queue.paused' });
    expect(await (await select('audit-action-filter')).getValueText()).toBe('Other action…');
    expect((byTestId('audit-action-name') as HTMLInputElement).value).toBe('queue.paused');
  });

  it('says when nothing is recorded yet, and when nothing matches the filters', async () => {
    setUp();
    await answer([]);
    expect(text(byTestId('audit-empty'))).toMatch(/^Nothing recorded yet/);
    expect(el().querySelector('table')).toBeNull();

    fixture.componentRef.setInput('actor', grace.user_id);
    TestBed.tick();
    await answer([]);
    expect(text(byTestId('audit-empty'))).toBe('No entries match these filters. Clear filters');
  });

  it('says why the log could not be loaded, and tries the same page again; a failed next page keeps what is shown', async () => {
    setUp();
    auditRequest().request.flush({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Only admins read the audit log.' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(text(el().querySelector('[role="alert"]'))).toBe('Could not load the audit log: Only admins read the audit log. Try again');
    expect(byTestId('audit-empty')).toBeNull();

    byTestId('audit-retry')!.click();
    TestBed.tick();
    await answer([makeAuditEntry({ target: 'first' })], 'cursor-2');
    expect(el().querySelector('[role="alert"]')).toBeNull();

    byTestId('audit-more')!.click();
    TestBed.tick();
    auditRequest().request.flush(null, { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();
    expect(text(el().querySelector('[role="alert"]'))).toContain('Cannot reach the Atelier server');
    expect(tableRows().map((r) => r[3])).toEqual(['first']);

    byTestId('audit-retry')!.click();
    TestBed.tick();
    expect(await answer([makeAuditEntry({ target: 'second' })])).toEqual({ limit: '50', cursor: 'cursor-2' });
    expect(tableRows().map((r) => r[3])).toEqual(['first', 'second']);
  });

  it('shows cards rather than a wide table on a phone', async () => {
    setUp({ phone: true });
    await answer([makeAuditEntry({ actor: ada.user_id, action: 'api_key.created', target: 'key-1', ip: '10.0.0.7', detail: { name: 'CI', role: 'member', prefix: 'atl_ci' } })]);
    expect(el().querySelector('table')).toBeNull();
    const cards = el().querySelectorAll('li[data-testid="audit-entry"]');
    expect(cards).toHaveLength(1);
    const fields = Object.fromEntries([...cards[0].querySelectorAll('dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(fields).toEqual({ Who: 'Ada ada@atelier.test', Target: 'CI (atl_ci…)', Address: '10.0.0.7', Details: 'name: CI · role: member · prefix: atl_ci' });
    expect(text(cards[0].querySelector('.chip'))).toBe('API key created');
  });
});
