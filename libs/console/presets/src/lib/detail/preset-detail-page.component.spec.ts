import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { provideRouter } from '@angular/router';
import type { Preset } from '@atelier/contracts';
import { JobsStream } from '@atelier/console/data-access';
import { makeJob } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { PresetDetailPage } from './preset-detail-page.component';

describe('PresetDetailPage', () => {
  let fixture: ComponentFixture<PresetDetailPage>;
  let http: HttpTestingController;

  function open(presetId: string): void {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideConsoleIcons()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PresetDetailPage);
    fixture.componentRef.setInput('presetId', presetId);
    fixture.detectChanges();
  }

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const preset: Preset = {
    preset_id: 'p-1',
    category: 'hair-color',
    name: 'Dusk copper',
    data: { color: 'copper' },
    source_image_id: 'img-1',
    job_id: 'j-1',
    provider: 'offline',
    model: 'offline-1',
    created_at: '2026-03-01T10:00:00.000Z',
    owner: null,
  };

  it.each([
    [404, { title: 'Not Found', status: 404, detail: 'No preset with id "not-an-id".' }],
    [400, { title: 'Bad Request', status: 400, detail: 'preset_id must be a UUID', errors: [{ field: 'preset_id', message: 'must be a UUID' }] }],
  ])('a link to no preset (%s) says so in words, not the raw validation message', async (status, body) => {
    open('not-an-id');
    http.expectOne('/api/presets/not-an-id').flush(body, { status, statusText: body.title });
    await fixture.whenStable();
    const missing = el().querySelector('[data-testid="preset-not-found"]');
    expect(missing?.querySelector('h1')?.textContent?.trim()).toBe('No preset with this id');
    expect(el().textContent).not.toContain('UUID');
    expect(missing?.querySelector('a')?.getAttribute('href')).toBe('/presets');
  });

  it('starts an image generation from the preset: the task manager gets the job and a snackbar says so', async () => {
    open('p-1');
    http.expectOne('/api/presets/p-1').flush(preset);
    await fixture.whenStable();
    expect(el().querySelector('a[href="/jobs/j-1"]')?.textContent?.trim()).toBe('Open the job');
    el().querySelector<HTMLButtonElement>('[data-testid="generate-image"]')!.click();
    const request = http.expectOne('/api/presets/p-1/generate');
    expect(request.request.method).toBe('POST');
    const job = makeJob({ type: 'generate_image', title: 'Image from "Dusk copper"', input: { preset_id: 'p-1' } });
    request.flush({ job_id: job.job_id, status: 'queued', job }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(TestBed.inject(JobsStream).jobsById()[job.job_id]).toEqual(job);
    expect(await (await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatSnackBarHarness)).getMessage()).toBe(
      'Generating an image from “Dusk copper”',
    );
  });
});
