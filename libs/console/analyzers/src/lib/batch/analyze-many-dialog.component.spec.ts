import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { AnalyzerInfo } from '@atelier/contracts';
import { JobsStream } from '@atelier/console/data-access';
import { makeJob } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { AnalyzeManyDialog, type AnalyzeManyData } from './analyze-many-dialog.component';

const ANALYZERS: AnalyzerInfo[] = [
  { name: 'makeup', title: 'Makeup', description: '', category: 'beauty' },
  { name: 'hair-color', title: 'Hair color', description: '', category: 'hair' },
];

function file(name: string, type = 'image/jpeg', bytes = 4096): File {
  return new File([new Uint8Array(bytes)], name, { type });
}

describe('AnalyzeManyDialog', () => {
  let fixture: ComponentFixture<AnalyzeManyDialog>;
  let http: HttpTestingController;
  let dialogRef: { close: ReturnType<typeof vi.fn>; disableClose: boolean };

  beforeEach(() => {
    dialogRef = { close: vi.fn(), disableClose: false };
    const data: AnalyzeManyData = { analyzers: ANALYZERS, limits: { maxBytes: 1048576, maxPixels: 40e6 } };
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideConsoleIcons(), { provide: MatDialogRef, useValue: dialogRef }, { provide: MAT_DIALOG_DATA, useValue: data }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AnalyzeManyDialog);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const testId = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  async function pick(...files: File[]): Promise<void> {
    const input = el().querySelector<HTMLInputElement>('[data-testid="batch-files-input"]')!;
    // jsdom has no DataTransfer to build a FileList with: an array reads the same way.
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }
  async function check(analyzer: string): Promise<void> {
    el().querySelector<HTMLInputElement>(`[data-analyzer="${analyzer}"] input`)!.click();
    await fixture.whenStable();
  }
  const submit = () => testId('batch-submit') as HTMLButtonElement;

  it('lists the picked images, skips what is not one with a note, and waits for an analysis to be chosen', async () => {
    await pick(file('a.jpg'), file('b.png', 'image/png'), file('notes.txt', 'text/plain'), file('huge.jpg', 'image/jpeg', 2 * 1048576));
    expect(testId('batch-summary')?.textContent?.trim()).toBe('2 images · 8 KB');
    expect(testId('batch-skipped')?.textContent).toContain('2 files were skipped: notes.txt (not a JPEG, PNG, WebP or GIF image); huge.jpg (“huge.jpg” is 2.0 MB; the limit is 1 MB.)');
    expect(submit().disabled).toBe(true);
    await check('makeup');
    expect(submit().disabled).toBe(false);
    expect(submit().textContent?.trim()).toBe('Analyze 2 images');
  });

  it('sends one batch with every image and the chosen analyses, shows the upload, and closes with the batch once accepted', async () => {
    await pick(file('a.jpg'), file('b.jpg'));
    await check('makeup');
    await check('hair-color');
    expect(el().textContent).toContain('Each image gets a comprehensive analysis (2 analyses, one job).');
    const priority = testId('batch-priority') as HTMLInputElement;
    priority.value = '5';
    priority.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    submit().click();

    const request = http.expectOne('/api/batches');
    const form = request.request.body as FormData;
    expect((form.getAll('images') as File[]).map((f) => f.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(form.get('analyzers')).toBe('makeup,hair-color');
    expect(form.get('priority')).toBe('5');
    request.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 100 });
    await fixture.whenStable();
    expect(testId('batch-upload-progress')?.textContent?.trim()).toBe('Uploading 40%');
    expect(dialogRef.disableClose).toBe(true);

    const batch = makeJob({ type: 'batch', title: 'Batch (0/2)' });
    request.flush({ job_id: batch.job_id, job: batch }, { status: 202, statusText: 'Accepted' });
    expect(dialogRef.close).toHaveBeenCalledWith(batch);
    expect(TestBed.inject(JobsStream).jobsById()[batch.job_id]).toEqual(batch);
  });

  it("keeps the selection on a refusal, says what to do, and marks the file the server named", async () => {
    await pick(file('a.jpg'), file('broken.jpg'));
    await check('makeup');
    submit().click();
    http.expectOne('/api/batches').flush(
      {
        type: 'about:blank',
        title: 'Unsupported Media Type',
        status: 415,
        detail: 'images[1] ("broken.jpg"): The file is not a JPEG, PNG, WebP or GIF image. Nothing was created; fix or remove this file and send the batch again.',
        instance: '/api/batches',
        errors: [{ field: 'images[1]', message: '"broken.jpg" is not a decodable image' }],
      },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await fixture.whenStable();
    expect(testId('dialog-error')?.textContent?.trim()).toBe(
      'images[1] ("broken.jpg"): The file is not a JPEG, PNG, WebP or GIF image. Nothing was created; fix or remove this file and send the batch again.',
    );
    expect(dialogRef.close).not.toHaveBeenCalled();
    expect(testId('batch-summary')?.textContent?.trim()).toBe('2 images · 8 KB');
    const refused = el().querySelector('[data-testid="batch-file"].refused');
    expect(refused?.textContent).toContain('"broken.jpg" is not a decodable image');
    expect(submit().disabled).toBe(false);
  });

  it("tells a quota refusal in the server's words, and a rate limit with when to try again", async () => {
    await pick(file('a.jpg'));
    await check('makeup');
    submit().click();
    http.expectOne('/api/batches').flush(
      { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'You have 100 queued or running jobs: the limit is 100. Wait for some to finish, or cancel some.', instance: '/api/batches', code: 'quota_exceeded' },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await fixture.whenStable();
    expect(testId('dialog-error')?.textContent?.trim()).toBe('You have 100 queued or running jobs: the limit is 100. Wait for some to finish, or cancel some.');

    submit().click();
    http.expectOne('/api/batches').flush(
      { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Too many requests.', instance: '/api/batches', code: 'rate_limited' },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '12' } },
    );
    await fixture.whenStable();
    expect(testId('dialog-error')?.textContent?.trim()).toBe('Too many requests. Try again in 12 s.');
  });

  it('removes one image from the list', async () => {
    await pick(file('a.jpg'), file('b.jpg'));
    el().querySelector<HTMLButtonElement>('[aria-label="Remove a.jpg"]')!.click();
    await fixture.whenStable();
    expect(testId('batch-summary')?.textContent?.trim()).toBe('1 image · 4 KB');
  });
});
