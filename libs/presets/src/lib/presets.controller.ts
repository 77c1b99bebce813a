import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Preset, PresetList } from '@atelier/contracts';
import { ApiProblems, CurrentScope, IdParamPipe, clampLimit, type AccessScope } from '@atelier/platform';
import { PresetsService } from './presets.service';
import { ListPresetsQuery } from './dto/list-presets.query';
import { RenamePresetBody } from './dto/rename-preset.body';
import { PresetDto, PresetListDto } from './dto/preset.dto';

/** Ids are opaque: one that names no preset answers 404, whatever its shape. */
export const presetIdPipe = new IdParamPipe('preset');

@ApiTags('presets')
@Controller('presets')
export class PresetsController {
  constructor(private readonly presets: PresetsService) {}

  @Get()
  @ApiOperation({ operationId: 'listPresets', summary: 'List presets, newest first, optionally of one category, with cursor paging' })
  @ApiOkResponse({ type: PresetListDto })
  @ApiProblems(400)
  list(@Query() q: ListPresetsQuery, @CurrentScope() scope: AccessScope): Promise<PresetList> {
    return this.presets.list({ category: q.category, limit: clampLimit(q.limit), cursor: q.cursor }, scope);
  }

  @Get(':preset_id')
  @ApiOperation({ operationId: 'getPreset', summary: 'One preset' })
  @ApiOkResponse({ type: PresetDto })
  @ApiProblems(404)
  get(@Param('preset_id', presetIdPipe) id: string, @CurrentScope() scope: AccessScope): Promise<Preset> {
    return this.presets.get(id, scope);
  }

  @Patch(':preset_id')
  @ApiOperation({ operationId: 'renamePreset', summary: 'Rename a preset' })
  @ApiOkResponse({ type: PresetDto })
  @ApiProblems(400, 404)
  rename(@Param('preset_id', presetIdPipe) id: string, @Body() body: RenamePresetBody, @CurrentScope() scope: AccessScope): Promise<Preset> {
    return this.presets.rename(id, body.name, scope);
  }

  @Delete(':preset_id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deletePreset', summary: 'Delete a preset' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  async delete(@Param('preset_id', presetIdPipe) id: string, @CurrentScope() scope: AccessScope): Promise<void> {
    await this.presets.delete(id, scope);
  }
}
