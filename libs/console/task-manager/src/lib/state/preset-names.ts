import { Injectable, inject, signal, type Signal } from '@angular/core';
import { PresetsApi } from '@atelier/console/data-access';

const MAX_REMEMBERED = 500;

/**
 * Names of presets, fetched once each when a card's details first show them (a job's result
 * holds only their ids). A preset that cannot be read keeps no name, and the card says so.
 */
@Injectable({ providedIn: 'root' })
export class PresetNames {
  private readonly api = inject(PresetsApi);
  private readonly names = new Map<string, ReturnType<typeof signal<PresetName>>>();

  name(presetId: string): Signal<PresetName> {
    let entry = this.names.get(presetId);
    if (!entry) {
      if (this.names.size >= MAX_REMEMBERED) this.names.delete(this.names.keys().next().value as string);
      const created = signal<PresetName>({ state: 'loading' });
      entry = created;
      this.names.set(presetId, created);
      this.api.get(presetId).subscribe({
        next: (preset) => created.set({ state: 'named', name: preset.name }),
        error: () => created.set({ state: 'missing' }),
      });
    }
    return entry.asReadonly();
  }
}

export type PresetName = { readonly state: 'loading' } | { readonly state: 'named'; readonly name: string } | { readonly state: 'missing' };
