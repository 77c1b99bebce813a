import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeJob } from '../../testing/job.factory';
import { API_BASE_URL } from './api-base-url';
import { BatchesApi, type BatchUploadEvent } from './batches-api';

function image(name: string): File {
  return new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type: 'image/jpeg' });
}

describe('BatchesApi', () => {
  let api: BatchesApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/base/api' }] });
    api = TestBed.inject(BatchesApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends every image as `images` with the analyzers, priority and preset name, and reports the upload, then the batch', () => {
    const events: BatchUploadEvent[] = [];
    api.create({ images: [image('a.jpg'), image('b.jpg')], analyzers: ['makeup', 'hair-color'], priority: -3, presetName: '  Spring  ' }).subscribe((e) => events.push(e));

    const request = http.expectOne('/base/api/batches');
    expect(request.request.method).toBe('POST');
    expect(request.request.reportProgress).toBe(true);
    const form = request.request.body as FormData;
    expect((form.getAll('images') as File[]).map((f) => f.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(form.get('analyzers')).toBe('makeup,hair-color');
    expect(form.get('priority')).toBe('-3');
    expect(form.get('preset_name')).toBe('Spring');

    request.event({ type: HttpEventType.Sent });
    request.event({ type: HttpEventType.UploadProgress, loaded: 50, total: 200 });
    const batch = makeJob({ type: 'batch', title: 'Batch (0/2)' });
    request.flush({ job_id: batch.job_id, job: batch }, { status: 202, statusText: 'Accepted' });

    expect(events).toEqual([
      { kind: 'progress', sent: 50, total: 200 },
      { kind: 'accepted', accepted: { job_id: batch.job_id, job: batch } },
    ]);
  });

  it('leaves out the priority and the preset name when none is given', () => {
    api.create({ images: [image('a.jpg')], analyzers: ['makeup'], priority: null, presetName: ' ' }).subscribe();
    const form = http.expectOne('/base/api/batches').request.body as FormData;
    expect([...form.keys()]).toEqual(['images', 'analyzers']);
  });
});
