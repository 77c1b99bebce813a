import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { UploadLimits } from '@atelier/console/data-access';
import { ImageDropZone } from '@atelier/console/ui';

/** The upload part every analyzer dialog shares: the image and an optional preset name. */
@Component({
  selector: 'atl-upload-fields',
  imports: [MatFormFieldModule, MatInputModule, ImageDropZone],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <atl-image-drop-zone [maxBytes]="limits()?.maxBytes ?? null" [maxPixels]="limits()?.maxPixels ?? null" [disabled]="disabled()" (fileChange)="fileChange.emit($event)" />
    <mat-form-field appearance="outline" class="name" subscriptSizing="dynamic">
      <mat-label>Preset name (optional)</mat-label>
      <input
        matInput
        maxlength="120"
        autocomplete="off"
        [disabled]="disabled()"
        (input)="presetNameChange.emit($any($event.target).value)"
      />
      <mat-hint>Defaults to the analyzer and the date</mat-hint>
    </mat-form-field>
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 16px; }
    .name { width: 100%; }
  `,
})
export class UploadFields {
  readonly disabled = input(false);
  /** The server's upload limits; null: the hint names none. */
  readonly limits = input<UploadLimits | null>(null);
  readonly fileChange = output<File | null>();
  readonly presetNameChange = output<string>();
}
