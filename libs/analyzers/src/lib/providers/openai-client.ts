import OpenAI from 'openai';
import type { AppConfig } from '@atelier/platform';
import type { ModelCallGate } from './model-call-gate';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * One client for any OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM,
 * LM Studio). The SDK does not retry: the job engine owns retries, backoff and retry-after.
 */
export function createOpenAiClient(config: AppConfig, gate?: ModelCallGate): OpenAI {
  const { openaiApiKey, openaiBaseUrl, jobTimeoutMs } = config.values;
  return new OpenAI({
    // Local servers (Ollama, vLLM) accept any key; the SDK insists on one.
    apiKey: openaiApiKey ?? 'not-set',
    baseURL: openaiBaseUrl ?? DEFAULT_OPENAI_BASE_URL,
    maxRetries: 0,
    timeout: jobTimeoutMs,
    // OPENAI_MAX_CONCURRENCY / OPENAI_MAX_RPM: every request to the endpoint waits its turn at the shared gate.
    ...(gate ? { fetch: gate.fetch() } : {}),
  });
}
