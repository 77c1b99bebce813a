import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { filter, switchMap } from 'rxjs';
import { JobsStream, PresetsApi, httpStatus, problemMessage } from '@atelier/console/data-access';
import { confirmAction } from '@atelier/console/ui';
import { DataView } from '../data-view/data-view.component';

/** One preset: its source image, facts and the structured data, readably. */
@Component({
  selector: 'atl-preset-detail-page',
  imports: [DatePipe, MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule, RouterLink, DataView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './preset-detail-page.component.html',
  styleUrl: './preset-detail-page.component.scss',
})
export class PresetDetailPage {
  private readonly api = inject(PresetsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly stream = inject(JobsStream);

  /** Route parameter `:presetId`. */
  readonly presetId = input.required<string>();
  protected readonly preset = rxResource({ params: () => this.presetId(), stream: ({ params }) => this.api.get(params) });
  protected readonly value = computed(() => (this.preset.hasValue() ? this.preset.value() : null));
  /** A link to a preset that does not exist (or is not this user's), whatever the id looks like. */
  protected readonly notFound = computed(() => isMissing(httpStatus(this.preset.error())));
  protected readonly error = computed(() => (this.preset.error() ? problemMessage(this.preset.error()) : null));
  protected readonly generating = signal(false);
  protected readonly thumbnail = computed(() => {
    const id = this.value()?.source_image_id;
    return id ? this.api.thumbnailUrl(id) : null;
  });

  /** Queues a generate_image job; the task manager shows it at once, the snackbar leads to it. */
  protected generate(): void {
    const preset = this.value();
    if (!preset || this.generating()) return;
    this.generating.set(true);
    this.api.generate(preset.preset_id).subscribe({
      next: ({ job }) => {
        this.generating.set(false);
        this.stream.upsert(job);
        this.snackBar
          .open(`Generating an image from “${preset.name}”`, 'View job', { duration: 6000 })
          .onAction()
          .subscribe(() => void this.router.navigate(['/jobs', job.job_id]));
      },
      error: (err: unknown) => {
        this.generating.set(false);
        this.snackBar.open(`Could not start the image: ${problemMessage(err)}`, 'Close', { duration: 8000 });
      },
    });
  }

  protected remove(): void {
    const preset = this.value();
    if (!preset) return;
    confirmAction(this.dialog, { title: 'Delete preset?', message: `“${preset.name}” will be deleted for good.`, confirmLabel: 'Delete' })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.delete(preset.preset_id)),
      )
      .subscribe({
        next: () => void this.router.navigate(['/presets']),
        error: (err: unknown) => this.snackBar.open(`Could not delete: ${problemMessage(err)}`, 'Close', { duration: 8000 }),
      });
  }
}

/** 404, or a 400 about the id's shape: either way there is no such preset to show. */
function isMissing(status: number | null): boolean {
  return status === 404 || status === 400;
}
