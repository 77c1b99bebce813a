import type OpenAI from 'openai';
import { UpstreamError } from '@atelier/platform';
import { VisionProvider, type VisionAnswer, type VisionRequest } from './vision-provider.port';
import { toUpstreamError } from './openai-errors';

export const OPENAI_PROVIDER = 'openai';

const SYSTEM_PROMPT =
  'You are an expert image analyst for a creative studio. Look only at the image you are given. Answer with JSON that matches ' +
  'the provided schema exactly. When something the schema asks for is not visible, say so in that field instead of guessing.';

/** Vision through the official openai SDK: chat completions, a base64 data-URL image, strict json_schema output. */
export class OpenAiVisionProvider extends VisionProvider {
  readonly name = OPENAI_PROVIDER;
  /** One request, answered as a whole (no streaming): one stage. */
  readonly stages: readonly string[];

  constructor(
    private readonly client: OpenAI,
    readonly model: string,
  ) {
    super();
    this.stages = [`Calling the vision model (${model})`];
  }

  async analyze(request: VisionRequest): Promise<VisionAnswer> {
    const { analyzer, image, signal } = request;
    const dataUrl = `data:${image.mimeType};base64,${image.data.toString('base64')}`;
    const instruction = request.previousProblem
      ? `${analyzer.instruction}\n\nYour previous answer was rejected: ${request.previousProblem}. Answer again, matching the schema exactly.`
      : analyzer.instruction;
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            {
              role: 'user',
              content: [
                { type: 'text', text: instruction },
                { type: 'image_url', image_url: { url: dataUrl, detail: 'high' } },
              ],
            },
          ],
          response_format: {
            type: 'json_schema',
            json_schema: { name: analyzer.name.replace(/[^a-zA-Z0-9_]/g, '_'), description: analyzer.description, schema: { ...analyzer.schema }, strict: true },
          },
        },
        { signal },
      );
    } catch (err) {
      throw toUpstreamError(err, { baseUrl: this.client.baseURL, model: this.model, modelVariable: 'VISION_MODEL' });
    }
    const choice = completion.choices[0];
    if (choice?.message?.refusal) {
      throw new UpstreamError(`The model refused to analyse the image: ${choice.message.refusal}`, { code: 'model_refused', retryable: false });
    }
    const usage = completion.usage
      ? { input_tokens: completion.usage.prompt_tokens, output_tokens: completion.usage.completion_tokens, total_tokens: completion.usage.total_tokens }
      : undefined;
    // A cut-off answer (finish_reason "length") is not valid JSON and fails validation like any other bad output.
    return { output: choice?.message?.content ?? '', model: completion.model || this.model, usage };
  }
}
