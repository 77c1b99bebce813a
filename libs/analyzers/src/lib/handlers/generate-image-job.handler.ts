import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@atelier/platform';
import { JobHandlerFor, type JobContext, type JobHandler, type JobOutcome } from '@atelier/jobs';
import { PresetsRepository } from '@atelier/presets';
import { ImagesService } from '../images/images.service';
import { ImageGenerator } from '../generation/image-generator.port';
import { presetPrompt } from '../generation/preset-prompt';

/** Renders an image from a preset and stores it as an image of its own. */
@Injectable()
@JobHandlerFor('generate_image')
export class GenerateImageJobHandler implements JobHandler<'generate_image'> {
  readonly type = 'generate_image' as const;

  constructor(
    private readonly presets: PresetsRepository,
    private readonly generator: ImageGenerator,
    private readonly images: ImagesService,
  ) {}

  async run(ctx: JobContext<'generate_image'>): Promise<JobOutcome<'generate_image'>> {
    const { preset_id: presetId, prompt } = ctx.job.input;
    await ctx.progress(1, 3, 'Reading the preset');
    const preset = await this.presets.get(presetId);
    if (!preset) throw new NotFoundError(`Preset "${presetId}" no longer exists.`);
    await ctx.progress(2, 3, `Generating the image (${this.generator.model})`);
    const image = await this.generator.generate({ preset, prompt: presetPrompt(preset, prompt), signal: ctx.signal });
    await ctx.progress(3, 3, 'Saving the image', 0.95);
    const stored = await this.images.storeGenerated(image.data, image.width, image.height);
    await this.images.recordOwner(stored.image.image_id, ctx.job.owner ?? undefined);
    await ctx.annotate({ provider: this.generator.name, model: image.model });
    return { result: { image_id: stored.image.image_id, preset_id: presetId, provider: this.generator.name, model: image.model } };
  }
}
