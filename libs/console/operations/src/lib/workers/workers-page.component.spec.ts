import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { WorkerInfo } from '@atelier/contracts';
import { FakeEventSource } from '@atelier/console/data-access/testing';
import { textOf } from '../../testing/dom-text';
import { makeWorker } from '../../testing/operations.factory';
import { provideOperationsTesting } from '../../testing/operations-testing';
import { WORKERS_REFRESH_MS, WorkersPage } from './workers-page.component';

describe('WorkersPage', () => {
  let fixture: ComponentFixture<WorkersPage>;
  let http: HttpTestingController;
  const start = Date.parse('2025-01-01T12:00:00.000Z');

  function setUp(options: { phone?: boolean } = {}): void {
    vi.useFakeTimers({ now: start, toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({ providers: provideOperationsTesting(options) });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WorkersPage);
    TestBed.tick();
  }

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const rows = () => [...el().querySelectorAll('tr[data-testid="worker"]')].map((r) => [...r.children].map(textOf));
  function answer(workers: WorkerInfo[]): void {
    http.expectOne('/api/workers').flush({ workers });
    TestBed.tick();
  }

  const busy = makeWorker({
    host: 'b-node',
    pid: 42,
    role: 'worker',
    running: 1,
    concurrency: 2,
    version: '1.4.0',
    started_at: '2025-01-01T09:00:00.000Z',
    last_seen_at: '2025-01-01T11:59:58.000Z',
    running_jobs: [{ job_id: 'job-7', type: 'analyze', title: 'Hair color · photo.png', started_at: '2025-01-01T11:59:30.000Z' }],
  });
  const idle = makeWorker({ host: 'a-node', pid: 7, role: 'api', running: 0, concurrency: 4, started_at: '2025-01-01T11:00:00.000Z', last_seen_at: '2025-01-01T11:59:59.000Z' });

  it('lists the live processes by host, with what each runs (linked to the job), when it started and when it was last seen', () => {
    setUp();
    answer([busy, idle]);
    expect(el().querySelector('[data-testid="workers-summary"]')?.textContent?.trim()).toBe('2 processes, running 1 of the 6 jobs they can run at once.');
    expect(rows()).toEqual([
      ['a-node pid 7 version 1.0.0', 'api', '0 of 4', 'Idle', '1h 00m ago', '1s ago'],
      ['b-node pid 42 version 1.4.0', 'worker', '1 of 2', 'Hair color · photo.png Analysis · running 30s', '3h 00m ago', '2s ago'],
    ]);
    const link = el().querySelector<HTMLAnchorElement>('[data-testid="worker-job"] a');
    expect(link?.getAttribute('href')).toBe('/jobs/job-7');
  });

  it('ticks the relative times with the clock, and reads the list again every few seconds', () => {
    setUp();
    answer([busy]);
    vi.advanceTimersByTime(3000);
    TestBed.tick();
    expect(rows()[0].slice(3)).toEqual(['Hair color · photo.png Analysis · running 33s', '3h 00m ago', '5s ago']);
    http.expectNone('/api/workers');
    vi.advanceTimersByTime(WORKERS_REFRESH_MS - 3000);
    answer([{ ...busy, last_seen_at: '2025-01-01T12:00:04.000Z' }]);
    expect(rows()[0].at(-1)).toBe('1s ago');
  });

  it('says when no process runs jobs', () => {
    setUp();
    answer([]);
    expect(el().querySelector('[data-testid="workers-empty"]')?.textContent).toContain('No process runs jobs right now');
  });

  it('says why the list could not be read', () => {
    setUp();
    http.expectOne('/api/workers').flush({ title: 'Forbidden', status: 403, detail: 'Operators and admins only.' }, { status: 403, statusText: 'Forbidden' });
    TestBed.tick();
    expect(textOf(el().querySelector('[role="alert"]'))).toBe('Could not load the workers: Operators and admins only. Try again');
  });

  it('shows cards on a phone', () => {
    setUp({ phone: true });
    answer([busy]);
    expect(el().querySelector('table')).toBeNull();
    const card = el().querySelector('li[data-testid="worker"]')!;
    const fields = Object.fromEntries([...card.querySelectorAll('dt')].map((dt) => [dt.textContent?.trim(), dt.nextElementSibling?.textContent?.trim()]));
    expect(fields).toEqual({ Running: '1 of 2', Started: '3h 00m ago', 'Last seen': '2s ago', Version: '1.4.0' });
    expect(card.querySelector('a')?.getAttribute('href')).toBe('/jobs/job-7');
  });
});
