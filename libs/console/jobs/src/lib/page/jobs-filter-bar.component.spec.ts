import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatChipListboxHarness } from '@angular/material/chips/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { parseJobsView } from '../state/jobs-view';
import { JobsFilterBar, type JobsViewChange } from './jobs-filter-bar.component';

describe('JobsFilterBar', () => {
  let fixture: ComponentFixture<JobsFilterBar>;
  let changes: JobsViewChange[];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideConsoleIcons()] });
    fixture = TestBed.createComponent(JobsFilterBar);
    fixture.componentRef.setInput('view', parseJobsView({ status: 'failed' }));
    changes = [];
    fixture.componentInstance.changed.subscribe((c) => changes.push(c));
    fixture.detectChanges();
  });

  afterEach(() => vi.useRealTimers());

  function type(value: string): void {
    const box = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('[data-testid="job-search"]')!;
    box.value = value;
    box.dispatchEvent(new Event('input'));
  }

  it('puts the search in the URL once typing pauses, without a history entry per keystroke', () => {
    vi.useFakeTimers();
    type('du');
    type('dusk ');
    vi.advanceTimersByTime(299);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([{ params: { q: 'dusk' }, replace: true }]);
  });

  it('offers every status as a chip, Cancelled among them, and sends the chosen ones', async () => {
    const chips = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatChipListboxHarness);
    const options = await chips.getChips();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual(['Queued', 'Running', 'Completed', 'Failed', 'Cancelled']);
    await chips.selectChips({ text: 'Cancelled' });
    expect(changes.at(-1)).toEqual({ params: { status: 'failed,cancelled' } });
  });
});
