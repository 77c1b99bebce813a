import { Injectable } from '@nestjs/common';
import type { Preset, PresetList } from '@atelier/contracts';
import { InvalidInputError, NotFoundError, SYSTEM_SCOPE, decodeCursor, encodeCursor, visibleIn, type AccessScope } from '@atelier/platform';
import { PresetsRepository } from './presets.repository';

export interface ListPresetsOptions {
  category?: string;
  limit: number;
  cursor?: string;
}

/** Presets as the REST API sees them: paged lists, look-ups that 404, rename and delete. */
@Injectable()
export class PresetsService {
  constructor(private readonly repository: PresetsRepository) {}

  async list(options: ListPresetsOptions, scope: AccessScope = SYSTEM_SCOPE): Promise<PresetList> {
    const beforeId = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const rows = await this.repository.list({ category: options.category, owner: scope.owner, beforeId, limit: options.limit + 1 });
    const page = rows.slice(0, options.limit);
    const more = rows.length > options.limit;
    return { presets: page, next_cursor: more ? encodeCursor(page[page.length - 1].preset_id) : null };
  }

  async get(id: string, scope: AccessScope = SYSTEM_SCOPE): Promise<Preset> {
    const preset = await this.repository.get(id);
    if (!preset || !visibleIn(scope, preset.owner)) throw new NotFoundError(`No preset with id "${id}".`);
    return preset;
  }

  async rename(id: string, name: string, scope: AccessScope = SYSTEM_SCOPE): Promise<Preset> {
    const trimmed = name.trim();
    if (!trimmed) throw new InvalidInputError('name must not be blank.', { errors: [{ field: 'name', message: 'must not be blank' }] });
    const preset = await this.repository.rename(id, trimmed, scope.owner);
    if (!preset) throw new NotFoundError(`No preset with id "${id}".`);
    return preset;
  }

  async delete(id: string, scope: AccessScope = SYSTEM_SCOPE): Promise<void> {
    if (!(await this.repository.delete(id, scope.owner))) throw new NotFoundError(`No preset with id "${id}".`);
  }
}
