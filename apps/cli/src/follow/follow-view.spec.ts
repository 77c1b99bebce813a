import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { aJob } from '../../test/jobs';
import { Output } from '../output/output';
import type { OutputStream, Runtime } from '../runtime';
import { createFollowView } from './follow-view';

/** A stream that says it is a terminal, with the cursor calls cli-progress makes; keeps what was written. */
function terminal(): OutputStream & { text: () => string } {
  const stream = Object.assign(new PassThrough(), {
    isTTY: true,
    columns: 100,
    cursorTo: (_x: number, _y?: number | (() => void), done?: () => void) => (typeof _y === 'function' ? _y() : done?.(), true),
    moveCursor: (_dx: number, _dy: number, done?: () => void) => (done?.(), true),
    clearLine: (_dir: number, done?: () => void) => (done?.(), true),
    clearScreenDown: (done?: () => void) => (done?.(), true),
  });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return Object.assign(stream, { text: () => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') });
}

function pipe(): OutputStream & { text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return Object.assign(stream, { isTTY: false, text: () => text });
}

function outputOf(stdout: OutputStream, stderr: OutputStream, json: boolean): Output {
  const runtime = { stdout, stderr, env: {}, homeDir: '/', signal: new AbortController().signal, stdin: new PassThrough() } as Runtime;
  return new Output(runtime, json);
}

describe('following views', () => {
  const a = aJob({ status: 'running', progress: 0.4, step_label: 'Calling the vision model' });
  const b = aJob({ status: 'queued' });
  const labels = new Map([
    [a.job_id, 'portrait.png'],
    [b.job_id, 'b.png'],
  ]);

  it('draws one bar per job on a terminal, with its file, percentage and step, ending with the final status', () => {
    const stdout = terminal();
    const stderr = terminal();
    const view = createFollowView(outputOf(stdout, stderr, false), stderr, labels);
    view.show({ kind: 'snapshot', jobs: [a, b] }, [a, b]);
    const done = { ...a, status: 'completed' as const, progress: 1 };
    const failed = { ...b, status: 'failed' as const, progress: 0.2, error: { message: 'The model refused', code: 'upstream', retryable: false } };
    view.show({ kind: 'event', event: { event: 'job.completed', id: '9', data: done } }, [done, failed]);
    view.stop();
    const drawn = stderr.text();
    expect(drawn).toMatch(/portrait\.png +\S+ 100% completed/);
    expect(drawn).toMatch(/b\.png +\S+ +20% failed · The model refused/);
    expect(stdout.text()).toBe('');
  });

  it('writes one line per ended job in a pipe, nothing that redraws', () => {
    const stdout = pipe();
    const stderr = pipe();
    const view = createFollowView(outputOf(stdout, stderr, false), stderr, labels);
    view.show({ kind: 'snapshot', jobs: [a, b] }, [a, b]);
    const done = { ...a, status: 'completed' as const, progress: 1 };
    view.show({ kind: 'event', event: { event: 'job.completed', id: '9', data: done } }, [done, b]);
    view.show({ kind: 'event', event: { event: 'job.updated', id: '10', data: b } }, [done, b]);
    view.stop();
    expect(stdout.text()).toBe('portrait.png: completed\n');
    expect(stderr.text()).toBe('');
  });

  it('writes NDJSON of the events with --json, even at a terminal', () => {
    const stdout = terminal();
    const stderr = terminal();
    const view = createFollowView(outputOf(stdout, stderr, true), stderr, labels);
    view.show({ kind: 'snapshot', jobs: [a] }, [a]);
    view.show({ kind: 'event', event: { event: 'job.updated', id: '7', data: a } }, [a]);
    view.show({ kind: 'deleted', jobId: a.job_id }, []);
    view.stop();
    expect(stdout.text().trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { event: 'snapshot', data: { jobs: [a] } },
      { event: 'job.updated', id: '7', data: a },
      { event: 'job.deleted', data: { job_id: a.job_id } },
    ]);
    expect(stderr.text()).toBe('');
  });
});
