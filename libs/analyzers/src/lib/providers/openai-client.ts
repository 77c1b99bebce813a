import OpenAI from 'openai';
import type { AppConfig } from '@atelier/platform';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * One client for any OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM,
 * LM Studio). The SDK does not retry: the job engine owns retries, backoff and retry-after.
 */
export function createOpenAiClient(config: AppConfig): OpenAI {
  const { openaiApiKey, openaiBaseUrl, jobTimeoutMs } = config.values;
  return new OpenAI({
    // Local servers (Ollama, vLLM) accept any key; the SDK insists on one.
    apiKey: openaiApiKey ?? 'not-set',
    baseURL: openaiBaseUrl ?? DEFAULT_OPENAI_BASE_URL,
    maxRetries: 0,
    timeout: jobTimeoutMs,
  });
}
