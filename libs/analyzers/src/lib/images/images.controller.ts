import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentScope, IdParamPipe, type AccessScope } from '@atelier/platform';
import { ImagesService, type ImageBytes } from './images.service';

/** image_id is the sha256 (hex) of the original bytes, but opaque to clients: any other id answers 404. */
export class ImageIdPipe extends IdParamPipe {
  constructor() {
    super('image');
  }
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

@ApiTags('images')
@Controller('images')
export class ImagesController {
  constructor(private readonly images: ImagesService) {}

  @Get(':image_id')
  @ApiOperation({ operationId: 'getImage', summary: 'The original bytes of an uploaded or generated image' })
  @ApiParam({ name: 'image_id', description: 'sha256 (hex) of the original image' })
  @ApiProduces(...IMAGE_TYPES)
  @ApiOkResponse({ description: 'The image', content: Object.fromEntries(IMAGE_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiProblems(400, 404)
  @Header('Cache-Control', 'private, max-age=31536000, immutable')
  async original(@Param('image_id', ImageIdPipe) id: string, @CurrentScope() scope: AccessScope): Promise<StreamableFile> {
    await this.images.visible(id, scope);
    return toFile(await this.images.original(id));
  }

  @Get(':image_id/thumbnail')
  @ApiOperation({ operationId: 'getImageThumbnail', summary: 'A 256 px WebP thumbnail (made on demand until its generate_thumbnail job stored it)' })
  @ApiParam({ name: 'image_id', description: 'sha256 (hex) of the original image' })
  @ApiProduces('image/webp')
  @ApiOkResponse({ description: 'The thumbnail', content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404)
  @Header('Cache-Control', 'private, max-age=3600')
  async thumbnail(@Param('image_id', ImageIdPipe) id: string, @CurrentScope() scope: AccessScope): Promise<StreamableFile> {
    await this.images.visible(id, scope);
    return toFile(await this.images.thumbnail(id));
  }
}

function toFile({ data, mimeType }: ImageBytes): StreamableFile {
  // Content-addressed: the bytes behind an id never change.
  return new StreamableFile(data, { type: mimeType, length: data.length, disposition: 'inline' });
}
