/** The typed client as commands use it: every call answers its data, or throws a CliError that says what went wrong. */
import { createAtelierClient, type AtelierClient } from '@atelier/client';
import { errorOfAnswer, errorOfNetwork } from '../cli-error';
import type { Connection } from '../config/connection';

interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

export class Api {
  readonly client: AtelierClient;

  constructor(
    readonly connection: Pick<Connection, 'url' | 'apiKey'>,
    readonly signal?: AbortSignal,
  ) {
    this.client = createAtelierClient({ baseUrl: connection.url, apiKey: connection.apiKey, headers: { 'user-agent': 'atelier-cli' } });
  }

  /**
   * Awaits one request of the client. `request` names it in messages ("GET /api/jobs/…"). A 204 answers undefined;
   * callers that expect a body say so by their type.
   */
  async call<D>(request: string, pending: Promise<Answer<D>>): Promise<D> {
    let answer: Answer<D>;
    try {
      answer = await pending;
    } catch (err) {
      if (this.signal?.aborted) throw err;
      throw errorOfNetwork(err, this.connection.url);
    }
    if (!answer.response.ok) throw errorOfAnswer(answer.response.status, answer.error, request);
    return answer.data as D;
  }
}
