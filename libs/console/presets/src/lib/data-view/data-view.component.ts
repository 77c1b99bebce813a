import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatChipsModule } from '@angular/material/chips';
import { toDataNode } from './data-nodes';

/** Renders a preset's structured data readably: labelled sections, tag chips, color swatches. */
@Component({
  selector: 'atl-data-view',
  imports: [NgTemplateOutlet, MatChipsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './data-view.component.html',
  styleUrl: './data-view.component.scss',
})
export class DataView {
  readonly data = input.required<unknown>();
  protected readonly root = computed(() => toDataNode(this.data()));
}
