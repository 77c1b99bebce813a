import { Injectable } from '@nestjs/common';
import type { Preset, PresetList } from '@atelier/contracts';
import { InvalidInputError, NotFoundError, decodeCursor, encodeCursor } from '@atelier/platform';
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

  async list(options: ListPresetsOptions): Promise<PresetList> {
    const beforeId = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const rows = await this.repository.list({ category: options.category, beforeId, limit: options.limit + 1 });
    const page = rows.slice(0, options.limit);
    const more = rows.length > options.limit;
    return { presets: page, next_cursor: more ? encodeCursor(page[page.length - 1].preset_id) : null };
  }

  async get(id: string): Promise<Preset> {
    const preset = await this.repository.get(id);
    if (!preset) throw new NotFoundError(`No preset with id "${id}".`);
    return preset;
  }

  async rename(id: string, name: string): Promise<Preset> {
    const trimmed = name.trim();
    if (!trimmed) throw new InvalidInputError('name must not be blank.', { errors: [{ field: 'name', message: 'must not be blank' }] });
    const preset = await this.repository.rename(id, trimmed);
    if (!preset) throw new NotFoundError(`No preset with id "${id}".`);
    return preset;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repository.delete(id))) throw new NotFoundError(`No preset with id "${id}".`);
  }
}
