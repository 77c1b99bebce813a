import { HttpTestingController } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { QueueInfo } from '@atelier/contracts';
import { AuthState, JobsStream } from '@atelier/console/data-access';
import { FakeEventSource, makeJob, makeUser } from '@atelier/console/data-access/testing';
import { textOf } from '../../testing/dom-text';
import { makeQueue } from '../../testing/operations.factory';
import { provideOperationsTesting } from '../../testing/operations-testing';
import { QueuesPage } from './queues-page.component';

describe('QueuesPage', () => {
  let fixture: ComponentFixture<QueuesPage>;
  let http: HttpTestingController;
  const me = makeUser({ role: 'operator' });

  function setUp(options: { phone?: boolean } = {}): void {
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({ providers: provideOperationsTesting(options) });
    TestBed.inject(AuthState).signedInAs(me);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(QueuesPage);
    TestBed.tick();
  }

  afterEach(() => {
    http.verify();
    vi.unstubAllGlobals();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const row = (type: string) => el().querySelector<HTMLElement>(`[data-testid="queue-${type}"]`)!;
  const cells = (type: string) => [...row(type).children].map(textOf);
  const loader = () => TestbedHarnessEnvironment.documentRootLoader(fixture);
  async function answer(queues: QueueInfo[]): Promise<void> {
    http.expectOne('/api/queues').flush({ queues });
    await fixture.whenStable();
  }

  /** Presses the confirmation dialog's confirm button. */
  async function confirm(): Promise<void> {
    await (await loader().getHarness(MatButtonHarness.with({ selector: 'atl-confirm-dialog .danger' }))).click();
  }

  function openStream(): FakeEventSource {
    TestBed.inject(JobsStream).connect();
    const source = FakeEventSource.instances[0];
    source.open();
    source.emit('snapshot', '1', { jobs: [] });
    return source;
  }

  it('lists every queue with its state, counts and concurrency', async () => {
    setUp();
    await answer([
      makeQueue({ type: 'analyze', queued: 3, running: 2, concurrency: 4 }),
      makeQueue({ type: 'generate_image', paused: true, queued: 7, concurrency: 1, changed_at: new Date(Date.now() - 65_500).toISOString(), changed_by: me.user_id }),
    ]);
    expect([...el().querySelectorAll('thead th')].map((th) => th.textContent?.trim())).toEqual(['Queue', 'State', 'Queued', 'Running', 'Concurrency', 'Actions']);
    expect(cells('analyze')).toEqual(['Analysis analyze', 'Running', '3', '2', '4 per process', 'Pause']);
    expect(cells('generate_image')).toEqual(['Image generation generate_image', 'Paused Paused 1m 05s ago by you', '7', '0', '1 per process', 'Resume']);
    expect(el().querySelector('[data-testid="queues-status"]')?.textContent?.trim()).toBe('1 queue is paused.');
  });

  it('pauses a queue only after the confirmation, and shows the answer', async () => {
    setUp();
    await answer([makeQueue({ type: 'analyze', queued: 3, running: 2 })]);
    row('analyze').querySelector<HTMLButtonElement>('[data-testid="queue-pause"]')!.click();
    const dialog = await loader().getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Pause Analysis?');
    expect(await dialog.getContentText()).toBe('Its jobs stay queued on every node until you resume it; the 2 jobs running now finish first.');
    await dialog.close();
    http.expectNone('/api/queues/analyze/pause');

    row('analyze').querySelector<HTMLButtonElement>('[data-testid="queue-pause"]')!.click();
    await confirm();
    const request = await vi.waitFor(() => http.expectOne('/api/queues/analyze/pause'));
    expect(request.request.method).toBe('POST');
    expect(row('analyze').querySelector<HTMLButtonElement>('[data-testid="queue-pause"]')!.disabled).toBe(true);
    request.flush(makeQueue({ type: 'analyze', paused: true, queued: 3, running: 2, changed_at: new Date().toISOString(), changed_by: me.user_id }));
    await fixture.whenStable();
    expect(row('analyze').getAttribute('data-paused')).toBe('true');
    expect(row('analyze').querySelector('[data-testid="queue-resume"]')).not.toBeNull();
    expect(await (await loader().getHarness(MatSnackBarHarness)).getMessage()).toBe('Analysis paused');
  });

  it('says why a resume failed, and keeps the queue paused', async () => {
    setUp();
    await answer([makeQueue({ type: 'batch', paused: true, queued: 1, changed_at: '2025-01-01T10:00:00.000Z', changed_by: 'someone' })]);
    expect(cells('batch')[1]).toMatch(/^Paused Paused .* ago by another user$/);
    row('batch').querySelector<HTMLButtonElement>('[data-testid="queue-resume"]')!.click();
    const dialog = await loader().getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toBe('Its 1 job queued go to the workers again, on every node.');
    await confirm();
    (await vi.waitFor(() => http.expectOne('/api/queues/batch/resume'))).flush({ title: 'Forbidden', status: 403, detail: 'Only operators pause and resume queues.' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(await (await loader().getHarness(MatSnackBarHarness)).getMessage()).toBe('Could not resume Batch: Only operators pause and resume queues.');
    expect(row('batch').getAttribute('data-paused')).toBe('true');
    expect(row('batch').querySelector<HTMLButtonElement>('[data-testid="queue-resume"]')!.disabled).toBe(false);
  });

  it("shows another operator's pause and resume as they happen, from the stream", async () => {
    setUp();
    await answer([makeQueue({ type: 'analyze' }), makeQueue({ type: 'batch' })]);
    const source = openStream();
    source.emit('queue.paused', '2', { type: 'analyze', paused: true, changed_at: new Date().toISOString(), changed_by: 'other' });
    await fixture.whenStable();
    expect(row('analyze').getAttribute('data-paused')).toBe('true');
    expect(row('batch').getAttribute('data-paused')).toBe('false');
    expect(el().querySelector('[data-testid="queues-status"]')?.textContent?.trim()).toBe('1 queue is paused.');
    source.emit('queue.resumed', '3', { type: 'analyze', paused: false, changed_at: new Date(Date.now() + 1000).toISOString(), changed_by: 'other' });
    await fixture.whenStable();
    expect(row('analyze').getAttribute('data-paused')).toBe('false');
    expect(el().querySelector('[data-testid="queues-status"]')?.textContent?.trim()).toBe('Every queue is running.');
    http.expectNone('/api/queues');
  });

  it('reads the counts again when jobs change', async () => {
    setUp();
    await answer([makeQueue({ type: 'analyze', queued: 0 })]);
    const source = openStream();
    source.emit('job.created', '2', makeJob({ status: 'queued' }));
    await answer([makeQueue({ type: 'analyze', queued: 1 })]);
    expect(cells('analyze')[2]).toBe('1');
  });

  it('shows cards on a phone', async () => {
    setUp({ phone: true });
    await answer([makeQueue({ type: 'analyze', queued: 2, running: 1, concurrency: 3 })]);
    expect(el().querySelector('table')).toBeNull();
    const card = row('analyze');
    expect(card.querySelector('h2')?.textContent?.trim()).toBe('Analysis');
    const fields = Object.fromEntries([...card.querySelectorAll('dt')].map((dt) => [dt.textContent?.trim(), dt.nextElementSibling?.textContent?.trim()]));
    expect(fields).toEqual({ Queued: '2', Running: '1', Concurrency: '3 per process' });
    expect(card.querySelector('[data-testid="queue-pause"]')).not.toBeNull();
  });
});
