import { DOCUMENT } from '@angular/common';
import { Injectable, effect, inject, signal } from '@angular/core';

export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly { readonly value: ThemeChoice; readonly label: string; readonly icon: string }[] = [
  { value: 'system', label: 'System', icon: 'brightness_auto' },
  { value: 'light', label: 'Light', icon: 'light_mode' },
  { value: 'dark', label: 'Dark', icon: 'dark_mode' },
];

const STORAGE_KEY = 'atelier.theme';

/**
 * Light, dark, or whatever the system says (the default). The styles hold both palettes
 * (`light-dark()` tokens); the choice sets `color-scheme` on the root element through a class, and
 * is kept in this browser's localStorage.
 */
@Injectable({ providedIn: 'root' })
export class ThemePreference {
  private readonly root = inject(DOCUMENT).documentElement;
  private readonly storage = storageOf(inject(DOCUMENT).defaultView);
  readonly choice = signal<ThemeChoice>(parseChoice(this.storage?.getItem(STORAGE_KEY)));

  constructor() {
    effect(() => {
      const choice = this.choice();
      this.root.classList.toggle('atl-theme-light', choice === 'light');
      this.root.classList.toggle('atl-theme-dark', choice === 'dark');
      try {
        if (choice === 'system') this.storage?.removeItem(STORAGE_KEY);
        else this.storage?.setItem(STORAGE_KEY, choice);
      } catch {
        // Storage full or refused (private mode): the choice still holds for this page.
      }
    });
  }

  choose(choice: ThemeChoice): void {
    this.choice.set(choice);
  }
}

function parseChoice(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** localStorage, or null where reading it throws (storage disabled). */
function storageOf(view: Window | null): Storage | null {
  try {
    return view?.localStorage ?? null;
  } catch {
    return null;
  }
}
