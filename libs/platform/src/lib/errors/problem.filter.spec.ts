import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ConflictError, InvalidInputError, UpstreamError } from './atelier-error';
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
});
