import { Inject, Injectable } from '@nestjs/common';
import type { AnalyzeResult, Preset } from '@atelier/contracts';
import { AppConfig, uuidv7 } from '@atelier/platform';
import { JobHandlerFor, type JobContext, type JobHandler, type JobOutcome } from '@atelier/jobs';
import { PresetsRepository } from '@atelier/presets';
import { AnalyzerRegistry } from '../definitions/analyzer-registry';
import { ImagePreparation } from '../images/image-preparation.service';
import { VisionProvider } from '../providers/vision-provider.port';
import { OFFLINE_PROVIDER } from '../providers/offline-vision.provider';
import { analyzeStructured } from '../providers/structured-analysis';

export const OFFLINE_NOTE =
  'Computed offline from measured pixel statistics (no vision model was asked). Set OPENAI_API_KEY for a model analysis.';

/** One analysis of one image: prepare, ask the model, validate, and write the preset with the job's completion. */
@Injectable()
@JobHandlerFor('analyze')
export class AnalyzeJobHandler implements JobHandler<'analyze'> {
  readonly type = 'analyze' as const;

  constructor(
    private readonly analyzers: AnalyzerRegistry,
    private readonly provider: VisionProvider,
    private readonly images: ImagePreparation,
    private readonly presets: PresetsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async run(ctx: JobContext<'analyze'>): Promise<JobOutcome<'analyze'>> {
    const { analyzer: name, image_id: imageId, preset_name: presetName } = ctx.job.input;
    const analyzer = this.analyzers.get(name);
    const { name: provider, model, stages } = this.provider;
    // Preparing, the provider's own stages, validating, saving: each a step the console counts.
    const steps = stages.length + 3;
    const stageStep = (index: number) => ctx.progress(2 + index, steps, stages[index], 0.15 + (0.65 * index) / stages.length);
    // A repeat analysis (the common case) ends with one metadata write and one progress step.
    const cached = await this.cachedPreset(imageId, name, ctx.job.owner);
    if (cached) {
      await ctx.annotate({ cached: true, cached_preset_id: cached.preset_id, provider, model });
      await ctx.progress(steps, steps, 'Reusing a stored result', 0.99);
      return { result: { preset_id: cached.preset_id, analyzer: name, data: cached.data, provider, model: cached.model } };
    }

    await ctx.progress(1, steps, 'Preparing image', 0.05);
    // Decoded here, not in the request: a corrupt image fails this job with image_undecodable (not retried).
    const image = await this.images.prepared(imageId);
    const analysis = await analyzeStructured(
      this.provider,
      {
        image,
        analyzer,
        signal: ctx.signal,
        onStage: (index) => (index === 0 ? Promise.resolve() : stageStep(index)),
      },
      {
        // The first stage starts with the call (a provider need not report it); a second call starts it again.
        calling: (retry) =>
          retry ? ctx.progress(2, steps, `${stages[0]}, again: the first answer did not match the schema`, 0.15) : stageStep(0),
        validating: () => ctx.progress(steps - 1, steps, 'Validating the answer', 0.82),
      },
    );
    await ctx.annotate({ cached: false, provider, model: analysis.model, usage: analysis.usage ?? null, model_tries: analysis.tries });
    await ctx.progress(steps, steps, 'Saving preset', 0.95);

    const data = provider === OFFLINE_PROVIDER ? { ...analysis.data, offline_note: OFFLINE_NOTE } : analysis.data;
    const preset: Preset = {
      preset_id: uuidv7(),
      category: name,
      name: presetName?.trim() || suggestedName(analysis.data) || analyzer.title,
      data,
      source_image_id: imageId,
      job_id: ctx.job.job_id,
      provider,
      model: analysis.model,
      created_at: new Date().toISOString(),
      owner: ctx.job.owner,
    };
    const result: AnalyzeResult = { preset_id: preset.preset_id, analyzer: name, data, provider, model: analysis.model };
    return { result, persist: () => this.presets.insert(preset) };
  }

  private async cachedPreset(imageId: string, category: string, owner: string | null): Promise<Preset | undefined> {
    const ttl = this.config.values.analysisCacheTtlMs;
    if (ttl <= 0) return undefined;
    const since = new Date(Date.now() - ttl).toISOString();
    return this.presets.findCached({ imageId, category, provider: this.provider.name, model: this.provider.model, since, owner: owner ?? undefined });
  }
}

function suggestedName(data: Record<string, unknown>): string | undefined {
  const name = data['suggested_name'];
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : undefined;
}
