import { Injectable } from '@nestjs/common';
import { JobHandlerFor, type JobContext, type JobHandler, type JobOutcome } from '@atelier/jobs';
import { ImagesService } from '../images/images.service';

/** Makes the 256 px WebP thumbnail of an image and records it with the job's completion. */
@Injectable()
@JobHandlerFor('generate_thumbnail')
export class GenerateThumbnailJobHandler implements JobHandler<'generate_thumbnail'> {
  readonly type = 'generate_thumbnail' as const;

  constructor(private readonly images: ImagesService) {}

  async run(ctx: JobContext<'generate_thumbnail'>): Promise<JobOutcome<'generate_thumbnail'>> {
    const imageId = ctx.job.input.image_id;
    await ctx.progress(1, 2, 'Making the thumbnail');
    const thumbnail = await this.images.makeThumbnailBlob(imageId);
    await ctx.progress(2, 2, 'Saving the thumbnail', 0.95);
    return {
      result: { image_id: imageId, thumbnail_bytes: thumbnail.byteSize },
      persist: () => this.images.recordThumbnail(imageId, thumbnail.sha256),
    };
  }
}
