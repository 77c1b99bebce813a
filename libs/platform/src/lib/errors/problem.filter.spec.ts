import { BadRequestException, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { ConflictError, InsufficientStorageError, InvalidInputError, StorageReadOnlyError, UpstreamError } from './atelier-error';
import { ProblemFilter } from './problem.filter';

describe('ProblemFilter.toProblem', () => {
  const filter = new ProblemFilter();

  it('renders domain errors with their status and code', () => {
    expect(filter.toProblem(new ConflictError('already done', 'job_not_cancellable'), '/api/jobs/1/cancel')).toEqual({
      type: 'https://atelier.dev/problems/job-not-cancellable',
      title: 'Conflict',
      status: 409,
      detail: 'already done',
      instance: '/api/jobs/1/cancel',
      code: 'job_not_cancellable',
    });
    const withFields = filter.toProblem(new InvalidInputError('bad', { errors: [{ field: 'limit', message: 'not a number' }] }), '/x');
    expect(withFields.errors).toEqual([{ field: 'limit', message: 'not a number' }]);
    expect(filter.toProblem(new UpstreamError('model down', { retryable: true }), '/x').status).toBe(502);
  });

  it('maps framework and multer errors', () => {
    expect(filter.toProblem(new NotFoundException('Cannot GET /api/x'), '/api/x')).toMatchObject({ status: 404, code: 'not_found' });
    expect(filter.toProblem(new BadRequestException(['a', 'b']), '/x')).toMatchObject({ status: 400, detail: 'a; b' });
    const multer = Object.assign(new Error('File too large'), { name: 'MulterError', code: 'LIMIT_FILE_SIZE' });
    expect(filter.toProblem(multer, '/x')).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('hides the details of unexpected errors', () => {
    const p = filter.toProblem(new Error('secret connection string leaked'), '/x');
    expect(p).toMatchObject({ status: 500, code: 'internal_error' });
    expect(p.detail).not.toContain('secret');
  });

  it('answers storage faults 507 / 503 with their detail, and leaves logging them to where they were met', () => {
    expect(filter.toProblem(new InsufficientStorageError('The data folder /d is full: free space.'), '/x')).toMatchObject({
      status: 507,
      title: 'Insufficient Storage',
      code: 'insufficient_storage',
      detail: 'The data folder /d is full: free space.',
    });
    expect(filter.toProblem(new StorageReadOnlyError('The data folder /d is not writable.'), '/x')).toMatchObject({ status: 503, code: 'storage_read_only' });

    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent: string[] = [];
    const res = { headersSent: false, status: () => res, type: () => res, send: (body: string) => sent.push(body) };
    const host = { switchToHttp: () => ({ getRequest: () => ({ method: 'POST', originalUrl: '/x' }), getResponse: () => res }) } as unknown as ArgumentsHost;
    filter.catch(new InsufficientStorageError('full'), host);
    expect(logged).not.toHaveBeenCalled();
    filter.catch(new Error('unexpected'), host);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(2);
    logged.mockRestore();
  });
});
