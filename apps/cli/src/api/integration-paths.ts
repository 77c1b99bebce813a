/**
 * Routes of the wire contract (docs/api.md, "Integrations") that docs/openapi.json does not describe yet:
 * POST /api/batches and /api/webhooks. Typed here in the generated schema's shape so the same client calls
 * them; delete this file once the schema is regenerated with these routes and use `paths` from @atelier/client.
 */
import type { AtelierClient, Job, components } from '@atelier/client';
import type { Client } from 'openapi-fetch';

type Problem = components['schemas']['ProblemDto'];

interface JsonAnswer<T> {
  headers: Record<string, unknown>;
  content: { 'application/json': T };
}

interface ProblemAnswer {
  headers: Record<string, unknown>;
  content: { 'application/problem+json': Problem };
}

interface NoParameters {
  query?: never;
  header?: never;
  path?: never;
  cookie?: never;
}

export interface AcceptedBatch {
  job_id: string;
  job: Job;
}

export interface Webhook {
  webhook_id: string;
  url: string;
  events: string[];
  description?: string | null;
  created_at?: string;
  [field: string]: unknown;
}

/** The answer to creating a webhook: the only one that carries `secret`. */
export interface CreatedWebhook extends Webhook {
  secret: string;
}

export interface BatchForm {
  images: File[];
  analyzers?: string;
  priority?: number;
  callback_url?: string;
}

export interface IntegrationPaths {
  '/api/batches': {
    parameters: NoParameters;
    post: {
      parameters: { query?: never; header?: { 'Idempotency-Key'?: string }; path?: never; cookie?: never };
      requestBody: { content: { 'multipart/form-data': BatchForm } };
      responses: { 202: JsonAnswer<AcceptedBatch>; default: ProblemAnswer };
    };
  };
  '/api/webhooks': {
    parameters: NoParameters;
    get: {
      parameters: NoParameters;
      requestBody?: never;
      responses: { 200: JsonAnswer<{ webhooks: Webhook[] }>; default: ProblemAnswer };
    };
    post: {
      parameters: NoParameters;
      requestBody: { content: { 'application/json': { url: string; events: string[]; description?: string } } };
      responses: { 201: JsonAnswer<CreatedWebhook>; default: ProblemAnswer };
    };
  };
  '/api/webhooks/{webhook_id}': {
    parameters: NoParameters;
    delete: {
      parameters: { query?: never; header?: never; path: { webhook_id: string }; cookie?: never };
      requestBody?: never;
      responses: { 204: { headers: Record<string, unknown>; content?: never }; default: ProblemAnswer };
    };
  };
}

/** The same client, typed for the routes above (it is one fetch wrapper; only the compile-time view differs). */
export function integrationClient(client: AtelierClient): Client<IntegrationPaths> {
  return client as unknown as Client<IntegrationPaths>;
}
