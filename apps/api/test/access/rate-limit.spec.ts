/** Access: the per-principal request rate (RATE_LIMIT_PER_MINUTE): 429 with Retry-After and RateLimit-* headers. */
import { awaitFreshWindow, expectProblem, expectStatus, rateHeadersOf, useAccessServer, type Answer } from './access-harness';

jest.setTimeout(120_000);

const LIMIT = 20;

describe('access: request rate per principal', () => {
  const suite = useAccessServer({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });

  it(`the ${LIMIT + 1}st request of a principal in a minute answers 429 with Retry-After and RateLimit-* headers; another key still passes`, async () => {
    const { caller: first } = await suite.admin.createKey({ name: 'busy' });
    const { caller: second } = await suite.admin.createKey({ name: 'quiet' });
    await awaitFreshWindow(suite.server);

    const answers: Answer[] = [];
    for (let i = 0; i < LIMIT + 1; i++) answers.push(await first.get('/api/jobs'));
    answers.slice(0, LIMIT).forEach((answer, i) => {
      expectStatus(answer, 200);
      expect(rateHeadersOf(answer)).toMatchObject({ limit: LIMIT, remaining: LIMIT - 1 - i });
    });
    const refused = answers[LIMIT];
    expectProblem(refused, 429);
    const headers = rateHeadersOf(refused);
    expect(headers).toMatchObject({ limit: LIMIT, remaining: 0 });
    expect(headers.reset).toBeGreaterThanOrEqual(1);
    expect(headers.reset).toBeLessThanOrEqual(60);
    expect(headers.retryAfter).toBeGreaterThanOrEqual(1);
    expect(headers.retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    // Still refused, for any route, until the window ends.
    expectProblem(await first.get('/api/auth/me'), 429);

    // Per principal: another key of the same user, and the user's session, still pass.
    const other = await second.get('/api/jobs');
    expectStatus(other, 200);
    expect(rateHeadersOf(other)).toMatchObject({ limit: LIMIT, remaining: LIMIT - 1 });
    expectStatus(await suite.admin.get('/api/jobs'), 200);
  });

  it('callers without a principal are counted by address', async () => {
    await awaitFreshWindow(suite.server);
    const answers: Answer[] = [];
    do answers.push(await suite.server.anonymous().get('/api/jobs'));
    while (answers[answers.length - 1].status !== 429 && answers.length <= LIMIT + 1);
    const refused = answers.pop()!;
    expectProblem(refused, 429);
    expect(rateHeadersOf(refused).retryAfter).toBeGreaterThanOrEqual(1);
    // The probe that found a fresh window was anonymous too: the address had this many left.
    answers.forEach((answer) => expectProblem(answer, 401));
    expect(answers.length).toBe(rateHeadersOf(answers[0]).remaining + 1);
    // A signed-in principal from the same address is not affected.
    expectStatus(await suite.admin.get('/api/jobs'), 200);
  });
});
