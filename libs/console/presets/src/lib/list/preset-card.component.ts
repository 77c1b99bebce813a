import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, input, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { Preset } from '@atelier/contracts';

/** One preset in the grid: thumbnail, category, name (renamed inline), offline badge, delete. */
@Component({
  selector: 'atl-preset-card',
  imports: [DatePipe, MatButtonModule, MatCardModule, MatFormFieldModule, MatIconModule, MatInputModule, MatTooltipModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './preset-card.component.html',
  styleUrl: './preset-card.component.scss',
})
export class PresetCard {
  readonly preset = input.required<Preset>();
  readonly thumbnailUrl = input<string | null>(null);
  readonly categoryLabel = input.required<string>();
  readonly rename = output<string>();
  readonly remove = output<Preset>();

  protected readonly editing = signal(false);
  protected readonly offline = computed(() => this.preset().provider === 'offline');
  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('nameInput');

  protected startEditing(): void {
    this.editing.set(true);
    queueMicrotask(() => this.nameInput()?.nativeElement.select());
  }

  protected commit(value: string): void {
    if (!this.editing()) return;
    this.editing.set(false);
    const name = value.trim();
    if (name && name !== this.preset().name) this.rename.emit(name);
  }

  protected cancelEditing(): void {
    this.editing.set(false);
  }
}
