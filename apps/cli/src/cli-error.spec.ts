import { describe, expect, it } from '@jest/globals';
import { errorOfAnswer, errorOfNetwork } from './cli-error';
import { ExitCode, exitCodeOfStatus } from './exit-codes';

describe('exit codes and server problems', () => {
  it.each([
    [401, ExitCode.Auth],
    [403, ExitCode.Auth],
    [404, ExitCode.NotFound],
    [400, ExitCode.Rejected],
    [409, ExitCode.Rejected],
    [413, ExitCode.Rejected],
    [415, ExitCode.Rejected],
    [422, ExitCode.Rejected],
    [429, ExitCode.RateLimited],
    [500, ExitCode.ServerError],
    [502, ExitCode.Unreachable],
    [503, ExitCode.Unreachable],
    [504, ExitCode.Unreachable],
  ])('HTTP %i exits %i', (status, code) => {
    expect(exitCodeOfStatus(status)).toBe(code);
  });

  it("prints a problem's title and detail, and the fields it names", () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Some fields are invalid.', instance: '/api/jobs', errors: [{ field: 'limit', message: 'must be at most 200' }] };
    const error = errorOfAnswer(400, problem, 'GET /api/jobs');
    expect(error.message).toBe('Bad Request: Some fields are invalid.');
    expect(error.details).toEqual(['limit: must be at most 200']);
    expect(error.exitCode).toBe(ExitCode.Rejected);
    expect(error.problem).toBe(problem);
  });

  it('names the status when a proxy answered without a problem', () => {
    const error = errorOfAnswer(502, 'Bad gateway', 'GET /api/jobs');
    expect(error.message).toBe('HTTP 502');
    expect(error.exitCode).toBe(ExitCode.Unreachable);
  });

  it('adds how to sign in to a 401', () => {
    expect(errorOfAnswer(401, { title: 'Unauthorized', detail: 'Sign in.' }, 'GET /api/jobs').details.join('\n')).toContain('atelier login');
  });

  it("names the network error's code, not a stack", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = errorOfNetwork(new TypeError('fetch failed', { cause: refused }), 'http://127.0.0.1:9');
    expect(error.message).toBe('Cannot reach the server at http://127.0.0.1:9 (ECONNREFUSED).');
    expect(error.exitCode).toBe(ExitCode.Unreachable);
  });
});
