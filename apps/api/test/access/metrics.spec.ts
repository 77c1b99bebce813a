/** Access: /metrics needs an operator or admin principal, unless METRICS_PORT serves it on a port of its own. */
import { freePort } from '../support/server-process';
import { expectProblem, expectStatus, send, useAccessServer, type Answer } from './access-harness';

jest.setTimeout(60_000);

const expectPrometheusText = (answer: Answer) => {
  expectStatus(answer, 200);
  expect(answer.headers['content-type']).toMatch(/^text\/plain/);
  expect(answer.text).toMatch(/^# HELP /m);
};

describe('access: /metrics', () => {
  let metricsPort = 0;
  const suite = useAccessServer(async () => {
    metricsPort = await freePort();
    return { METRICS_PORT: String(metricsPort) };
  });

  it('on the API port: 401 without a principal, 403 for a member, 200 for an operator and an admin', async () => {
    expectProblem(await suite.server.anonymous().get('/metrics'), 401, 'unauthenticated');
    expectProblem(await (await suite.admin.createUser('member')).get('/metrics'), 403, 'forbidden');
    const operator = await suite.admin.createUser('operator');
    expectPrometheusText(await operator.get('/metrics'));
    expectPrometheusText(await (await operator.createKey()).caller.get('/metrics'));
    expectPrometheusText(await suite.admin.get('/metrics'));
  });

  it('METRICS_PORT serves /metrics without authentication on its own port, and nothing else', async () => {
    expectPrometheusText(await send(`http://127.0.0.1:${metricsPort}/metrics`));
    expect((await send(`http://127.0.0.1:${metricsPort}/api/jobs`)).status).toBe(404);
    expect((await send(`http://127.0.0.1:${metricsPort}/api/users`)).status).toBe(404);
  });
});
