import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AnalyzerInfo } from '@atelier/contracts';
import type { UploadLimits } from '@atelier/console/data-access';
import { ACCEPTED_IMAGE_TYPES, uploadHint } from '@atelier/console/ui';
import { BatchFileList } from './batch-file-list.component';
import {
  EMPTY_SELECTION,
  MAX_BATCH_IMAGES,
  addToSelection,
  markServerProblems,
  removeFromSelection,
  skippedNote,
  totalSize,
  type PickedFile,
} from './batch-selection';
import { BatchSubmission } from './batch-submission';
import { pickedFromDrop, pickedFromInput } from './dropped-files';

export interface AnalyzeManyData {
  /** The single analyses (not "comprehensive": choosing several makes each image one). */
  readonly analyzers: readonly AnalyzerInfo[];
  readonly limits: UploadLimits | null;
}

/** The priorities a batch may ask for (the contract's −10…10). */
const PRIORITY_RANGE = { min: -10, max: 10 } as const;

/**
 * "Analyze many": drop a folder or many images (or pick them), see them checked against the
 * server's limits, choose the analyses, and send them as one batch; closes once it is accepted.
 */
@Component({
  selector: 'atl-analyze-many-dialog',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, BatchFileList],
  providers: [BatchSubmission],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './analyze-many-dialog.component.html',
  styleUrls: ['../dialogs/analyzer-dialog.component.scss', './analyze-many-dialog.component.scss'],
})
export class AnalyzeManyDialog {
  protected readonly data = inject<AnalyzeManyData>(MAT_DIALOG_DATA);
  protected readonly submission = inject(BatchSubmission);

  protected readonly accept = ACCEPTED_IMAGE_TYPES.join(',');
  protected readonly hint = `${uploadHint(this.data.limits?.maxBytes ?? null, this.data.limits?.maxPixels ?? null)} each · up to ${MAX_BATCH_IMAGES} images`;
  protected readonly priorityRange = PRIORITY_RANGE;
  protected readonly selection = signal(EMPTY_SELECTION);
  protected readonly reading = signal(false);
  protected readonly dragging = signal(false);
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly presetName = signal('');
  protected readonly priority = signal<number | null>(null);

  protected readonly files = computed(() => this.selection().files);
  protected readonly skipped = computed(() => skippedNote(this.selection().skipped));
  protected readonly summary = computed(() => {
    const files = this.files();
    return files.length ? `${files.length} ${files.length === 1 ? 'image' : 'images'} · ${totalSize(files)}` : '';
  });
  protected readonly priorityValid = computed(() => {
    const p = this.priority();
    return p === null || (Number.isInteger(p) && p >= PRIORITY_RANGE.min && p <= PRIORITY_RANGE.max);
  });
  protected readonly kind = computed(() => (this.chosen().size > 1 ? `a comprehensive analysis (${this.chosen().size} analyses, one job)` : 'one analysis'));
  protected readonly ready = computed(() => this.files().length > 0 && this.chosen().size > 0 && this.priorityValid() && !this.reading());
  protected readonly sentPercent = computed(() => {
    const sent = this.submission.sent();
    return sent === null ? null : Math.round(sent * 100);
  });

  constructor() {
    // The files the server refused are marked in the list, so the person sees which to remove.
    effect(() => {
      const errors = this.submission.fileErrors();
      this.selection.update((s) => markServerProblems(s, errors));
    });
  }

  protected onPicked(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.add(pickedFromInput(input.files));
    input.value = '';
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    if (!this.submission.submitting()) this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    if (this.submission.submitting()) return;
    this.reading.set(true);
    pickedFromDrop(event.dataTransfer)
      .then((picked) => this.add(picked))
      .catch(() => this.submission.error.set('Some of the dropped files could not be read. Try choosing them with the buttons instead.'))
      .finally(() => this.reading.set(false));
  }

  protected remove(id: number): void {
    this.selection.update((s) => removeFromSelection(s, id));
  }

  protected clear(): void {
    this.selection.set(EMPTY_SELECTION);
  }

  protected choose(name: string, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) next.add(name);
    else next.delete(name);
    this.chosen.set(next);
  }

  protected setPriority(value: string): void {
    this.priority.set(value.trim() === '' ? null : Number(value));
  }

  protected analyze(): void {
    if (!this.ready()) return;
    this.submission.submit({
      images: this.files().map((f) => f.file),
      analyzers: this.data.analyzers.map((a) => a.name).filter((n) => this.chosen().has(n)),
      priority: this.priority(),
      presetName: this.presetName(),
    });
  }

  private add(picked: readonly PickedFile[]): void {
    this.selection.update((s) => addToSelection(s, picked, this.data.limits?.maxBytes ?? null));
  }
}
