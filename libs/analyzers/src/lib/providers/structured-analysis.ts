import { UpstreamError } from '@atelier/platform';
import { formatViolations, validateJson } from '../schema/validate-json';
import type { TokenUsage, VisionProvider, VisionRequest } from './vision-provider.port';

export interface StructuredAnalysis {
  data: Record<string, unknown>;
  model: string;
  usage?: TokenUsage;
  /** 1, or 2 when the first answer did not match the schema. */
  tries: number;
}

export interface AnalysisSteps {
  /** Before each model call; `retry` is true for the second one. */
  calling(retry: boolean): Promise<void>;
  validating(): Promise<void>;
}

const MAX_TRIES = 2;

/**
 * Asks the provider and validates the answer against the analyzer's schema. An answer that is
 * not JSON or does not match is asked for once more (telling the model what was wrong); a
 * second bad answer fails the job with an error that says what did not match.
 */
export async function analyzeStructured(provider: VisionProvider, request: VisionRequest, steps: AnalysisSteps): Promise<StructuredAnalysis> {
  let usage: TokenUsage | undefined;
  let problem: string | undefined;
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    await steps.calling(tries > 1);
    const answer = await provider.analyze({ ...request, previousProblem: problem });
    usage = addUsage(usage, answer.usage);
    await steps.validating();
    const parsed = parseOutput(answer.output);
    if (parsed.ok) {
      const violations = validateJson(request.analyzer.schema, parsed.value);
      if (violations.length === 0) return { data: parsed.value as Record<string, unknown>, model: answer.model, usage, tries };
      problem = `it did not match the schema: ${formatViolations(violations)}`;
    } else {
      problem = parsed.reason;
    }
  }
  throw new UpstreamError(`The ${provider.name} model answered ${MAX_TRIES} times with output the ${request.analyzer.name} analyzer cannot use: ${problem}.`, {
    code: 'invalid_model_output',
    retryable: false,
  });
}

function parseOutput(output: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (typeof output !== 'string') return { ok: true, value: output };
  if (output.trim() === '') return { ok: false, reason: 'it was empty' };
  try {
    return { ok: true, value: JSON.parse(output) };
  } catch (err) {
    return { ok: false, reason: `it was not valid JSON (${(err as Error).message})` };
  }
}

function addUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  return { input_tokens: a.input_tokens + b.input_tokens, output_tokens: a.output_tokens + b.output_tokens, total_tokens: a.total_tokens + b.total_tokens };
}
