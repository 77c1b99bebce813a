import { ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { fileSize, type BatchFile } from './batch-selection';

/** Previews are made for this many files at most: decoding hundreds of photos would stall the dialog. */
const THUMBNAILS = 24;
const ROW_PX = 52;
const VISIBLE_ROWS = 5;

/** The chosen images: name, size, a preview for the first ones, what the server said, and Remove. Virtualised. */
@Component({
  selector: 'atl-batch-file-list',
  imports: [ScrollingModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cdk-virtual-scroll-viewport [itemSize]="rowPx" [style.height.px]="height()" role="list" aria-label="Images to analyze" data-testid="batch-files">
      <div *cdkVirtualFor="let f of files(); trackBy: trackFile" class="file" role="listitem" [class.refused]="!!f.serverProblem" data-testid="batch-file">
        <span class="thumb" aria-hidden="true">
          @if (previews().get(f.id); as url) {
            <img [src]="url" alt="" width="40" height="40" decoding="async" />
          } @else {
            <mat-icon svgIcon="image" />
          }
        </span>
        <span class="text">
          <span class="name" [title]="f.path">{{ f.path }}</span>
          <span class="meta">{{ size(f.file.size) }}@if (f.serverProblem) { · <span class="problem">{{ f.serverProblem }}</span> }</span>
        </span>
        <button mat-icon-button type="button" (click)="remove.emit(f.id)" [disabled]="disabled()" [attr.aria-label]="'Remove ' + f.path">
          <mat-icon svgIcon="close" />
        </button>
      </div>
    </cdk-virtual-scroll-viewport>
  `,
  styles: `
    :host { display: block; border: 1px solid var(--mat-sys-outline-variant); border-radius: var(--mat-sys-corner-medium); }
    .file { display: flex; align-items: center; gap: 12px; height: 52px; padding: 0 4px 0 8px; box-sizing: border-box; }
    .file.refused { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .thumb { flex: none; display: grid; place-items: center; width: 40px; height: 40px; border-radius: 8px; overflow: hidden; background: var(--mat-sys-surface-container-highest); color: var(--mat-sys-on-surface-variant); }
    .thumb img { width: 100%; height: 100%; object-fit: cover; }
    .text { flex: 1; min-width: 0; display: flex; flex-direction: column; }
    .name, .meta { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .meta { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .refused .meta, .problem { color: inherit; }
  `,
})
export class BatchFileList {
  readonly files = input.required<readonly BatchFile[]>();
  readonly disabled = input(false);
  readonly remove = output<number>();

  protected readonly rowPx = ROW_PX;
  protected readonly height = computed(() => Math.min(this.files().length, VISIBLE_ROWS) * ROW_PX);
  protected readonly previews = signal<ReadonlyMap<number, string>>(new Map());

  constructor() {
    // Object URLs for the first files only, made once each and released when their file leaves.
    effect(() => {
      const wanted = this.files().slice(0, THUMBNAILS);
      const old = untracked(this.previews);
      const next = new Map<number, string>();
      for (const f of wanted) next.set(f.id, old.get(f.id) ?? URL.createObjectURL(f.file));
      for (const [id, url] of old) if (!next.has(id)) URL.revokeObjectURL(url);
      this.previews.set(next);
    });
    inject(DestroyRef).onDestroy(() => {
      for (const url of this.previews().values()) URL.revokeObjectURL(url);
    });
  }

  protected trackFile(_index: number, file: BatchFile): number {
    return file.id;
  }

  protected readonly size = fileSize;
}
