import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from '../generated/schema';

/** A typed client of the Atelier API: `client.GET('/api/jobs/{job_id}', { params: { path: { job_id } } })`. */
export type AtelierClient = Client<paths>;

export type Job = components['schemas']['JobDto'];
export type Preset = components['schemas']['PresetDto'];
export type Problem = components['schemas']['ProblemDto'];

export interface AtelierClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Where the server runs, e.g. http://localhost:3000 (paths already start with /api). */
  baseUrl: string;
  /** An API key `atelier_…`, sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
}

export function createAtelierClient({ baseUrl, apiKey, headers, ...options }: AtelierClientOptions): AtelierClient {
  return createClient<paths>({
    ...options,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(headers as Record<string, string> | undefined) },
  });
}

/**
 * The `bodySerializer` of multipart operations (analyses): fields as form fields, Blobs as files.
 * `client.POST('/api/analyzers/{name}/analyze', { params, body: { image }, bodySerializer: multipartBody })`
 */
export function multipartBody(body: object): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(name, value, value instanceof File ? value.name : name);
    else form.append(name, String(value));
  }
  return form;
}
