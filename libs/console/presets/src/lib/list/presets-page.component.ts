import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule, type MatChipListboxChange } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { filter, switchMap } from 'rxjs';
import { COMPREHENSIVE_ANALYZER, type Preset } from '@atelier/contracts';
import { AnalyzersApi, PresetsApi, problemMessage } from '@atelier/console/data-access';
import { confirmAction } from '@atelier/console/ui';
import { PresetCard } from './preset-card.component';

const PAGE_SIZE = 24;

/** The Presets page: a filterable, paged grid of the presets the analyses made. */
@Component({
  selector: 'atl-presets-page',
  imports: [MatButtonModule, MatChipsModule, MatIconModule, MatProgressBarModule, RouterLink, PresetCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './presets-page.component.html',
  styleUrl: './presets-page.component.scss',
})
export class PresetsPage {
  private readonly api = inject(PresetsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** `?category=` from the URL. */
  readonly category = input<string | undefined>();

  private readonly analyzersApi = inject(AnalyzersApi);
  private readonly analyzers = rxResource({ stream: () => this.analyzersApi.list() });
  protected readonly categories = computed(() =>
    (this.analyzers.hasValue() ? this.analyzers.value() : []).filter((a) => a.name !== COMPREHENSIVE_ANALYZER),
  );
  protected readonly presets = signal<readonly Preset[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const category = this.category() ?? null;
      untracked(() => this.load(category, null));
    });
  }

  protected categoryLabel(name: string): string {
    return this.categories().find((a) => a.name === name)?.title ?? name;
  }

  protected thumbnail(preset: Preset): string | null {
    return preset.source_image_id ? this.api.thumbnailUrl(preset.source_image_id) : null;
  }

  protected onCategory(change: MatChipListboxChange): void {
    const category = (change.value as string | undefined) || null;
    void this.router.navigate([], { queryParams: { category }, queryParamsHandling: 'merge' });
  }

  protected loadMore(): void {
    this.load(this.category() ?? null, this.nextCursor());
  }

  protected rename(preset: Preset, name: string): void {
    this.api.rename(preset.preset_id, name).subscribe({
      next: (updated) => this.presets.update((list) => list.map((p) => (p.preset_id === updated.preset_id ? updated : p))),
      error: (err: unknown) => this.snackBar.open(`Could not rename: ${problemMessage(err)}`, 'Close', { duration: 8000 }),
    });
  }

  protected remove(preset: Preset): void {
    confirmAction(this.dialog, { title: 'Delete preset?', message: `“${preset.name}” will be deleted for good.`, confirmLabel: 'Delete' })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.delete(preset.preset_id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.presets.update((list) => list.filter((p) => p.preset_id !== preset.preset_id));
          this.snackBar.open(`Deleted “${preset.name}”`, undefined, { duration: 4000 });
        },
        error: (err: unknown) => this.snackBar.open(`Could not delete: ${problemMessage(err)}`, 'Close', { duration: 8000 }),
      });
  }

  private load(category: string | null, cursor: string | null): void {
    this.loading.set(true);
    this.error.set(null);
    this.api
      .list({ category, cursor, limit: PAGE_SIZE })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.presets.update((list) => (cursor ? [...list, ...page.presets] : page.presets));
          this.nextCursor.set(page.next_cursor);
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.error.set(problemMessage(err));
          this.loading.set(false);
        },
      });
  }
}
