import { Directive, effect, forwardRef, input } from '@angular/core';
import { VIRTUAL_SCROLL_STRATEGY, type CdkVirtualScrollViewport, type VirtualScrollStrategy } from '@angular/cdk/scrolling';
import { Subject, distinctUntilChanged } from 'rxjs';

/**
 * A CDK virtual scroll strategy for rows of known, differing heights (group headers, cards,
 * expanded cards): renders only what is in view plus a buffer, so 1,000 jobs stay smooth. The
 * scroll offset is read on scroll events only: reading it when the rows change (in the middle
 * of change detection) forced a layout of the whole page on every click (bench P7).
 */
export class RowSizesScrollStrategy implements VirtualScrollStrategy {
  private readonly index = new Subject<number>();
  readonly scrolledIndexChange = this.index.pipe(distinctUntilChanged());
  private viewport: CdkVirtualScrollViewport | null = null;
  /** offsets[i] is the top of row i; the last entry is the total height. */
  private offsets: number[] = [0];
  /** The viewport's scroll offset as of its last scroll event. */
  private scrollOffset = 0;

  constructor(private readonly bufferPx = 300) {}

  setSizes(sizes: readonly number[]): void {
    const offsets = [0];
    for (const size of sizes) offsets.push(offsets[offsets.length - 1] + size);
    this.offsets = offsets;
    this.update();
  }

  attach(viewport: CdkVirtualScrollViewport): void {
    this.viewport = viewport;
    this.scrollOffset = viewport.measureScrollOffset();
    this.update();
  }

  detach(): void {
    this.viewport = null;
  }

  onContentScrolled(): void {
    if (this.viewport) this.scrollOffset = this.viewport.measureScrollOffset();
    this.update();
  }

  onDataLengthChanged(): void {
    this.update();
  }

  onContentRendered(): void {
    /* sizes are known up front */
  }

  onRenderedOffsetChanged(): void {
    /* sizes are known up front */
  }

  scrollToIndex(index: number, behavior: ScrollBehavior): void {
    this.viewport?.scrollToOffset(this.offsets[Math.min(index, this.offsets.length - 1)] ?? 0, behavior);
  }

  /** The row whose box contains `offset`. */
  private rowAt(offset: number): number {
    let lo = 0;
    let hi = this.offsets.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  private update(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const count = this.offsets.length - 1;
    viewport.setTotalContentSize(this.offsets[count]);
    const height = viewport.getViewportSize();
    // Fewer rows than before: the browser will clamp the offset (and tell with a scroll event).
    const top = Math.max(0, Math.min(this.scrollOffset, this.offsets[count] - height));
    const start = count === 0 ? 0 : this.rowAt(Math.max(0, top - this.bufferPx));
    const end = count === 0 ? 0 : Math.min(count, this.rowAt(top + height + this.bufferPx) + 1);
    viewport.setRenderedRange({ start, end });
    viewport.setRenderedContentOffset(this.offsets[start]);
    this.index.next(count === 0 ? 0 : this.rowAt(top));
  }
}

/** `<cdk-virtual-scroll-viewport [rowSizes]="sizes">`: uses RowSizesScrollStrategy. */
@Directive({
  selector: 'cdk-virtual-scroll-viewport[rowSizes]',
  providers: [{ provide: VIRTUAL_SCROLL_STRATEGY, useFactory: (d: RowSizesDirective) => d.strategy, deps: [forwardRef(() => RowSizesDirective)] }],
})
export class RowSizesDirective {
  readonly rowSizes = input.required<readonly number[]>();
  readonly strategy = new RowSizesScrollStrategy();

  constructor() {
    effect(() => this.strategy.setSizes(this.rowSizes()));
  }
}
