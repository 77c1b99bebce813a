import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { ACCEPTED_IMAGE_TYPES, imageFileProblem, uploadHint } from './image-file-check';

/** Picks one image by file picker or drag and drop, previews it and checks type and size. */
@Component({
  selector: 'atl-image-drop-zone',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './image-drop-zone.component.html',
  styleUrl: './image-drop-zone.component.scss',
})
export class ImageDropZone {
  /** The server's limits; null when unknown (the hint then names none, and the server checks). */
  readonly maxBytes = input<number | null>(null);
  readonly maxPixels = input<number | null>(null);
  readonly disabled = input(false);
  /** The accepted file, or null when cleared or rejected. */
  readonly fileChange = output<File | null>();

  protected readonly accept = ACCEPTED_IMAGE_TYPES.join(',');
  protected readonly file = signal<File | null>(null);
  protected readonly previewUrl = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly dragging = signal(false);
  protected readonly hint = computed(() => uploadHint(this.maxBytes(), this.maxPixels()));
  protected readonly sizeLabel = computed(() => {
    const f = this.file();
    return f ? `${Math.max(1, Math.round(f.size / 1024))} KB` : '';
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.revoke());
  }

  protected onPicked(event: Event): void {
    const inputEl = event.target as HTMLInputElement;
    this.take(inputEl.files?.[0] ?? null);
    inputEl.value = '';
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    if (!this.disabled()) this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    if (!this.disabled()) this.take(event.dataTransfer?.files?.[0] ?? null);
  }

  protected clear(): void {
    this.revoke();
    this.file.set(null);
    this.problem.set(null);
    this.fileChange.emit(null);
  }

  private take(file: File | null): void {
    if (!file) return;
    const problem = imageFileProblem(file, this.maxBytes());
    this.revoke();
    this.problem.set(problem);
    this.file.set(problem ? null : file);
    this.previewUrl.set(problem ? null : URL.createObjectURL(file));
    this.fileChange.emit(problem ? null : file);
  }

  private revoke(): void {
    const url = this.previewUrl();
    if (url) URL.revokeObjectURL(url);
    this.previewUrl.set(null);
  }
}
