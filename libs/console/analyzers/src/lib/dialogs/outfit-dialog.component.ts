import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { AnalyzerDialogData } from './analyzer-dialog-data';
import { AnalyzeSubmission } from './analyze-submission';
import { UploadFields } from './upload-fields.component';
import { AnalyzeDialogActions } from './analyze-dialog-actions.component';

/** Outfit analysis wants a full-body shot: the dialog says so and flags landscape crops. */
@Component({
  selector: 'atl-outfit-dialog',
  imports: [MatDialogModule, UploadFields, AnalyzeDialogActions],
  providers: [AnalyzeSubmission],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './outfit-dialog.component.html',
  styleUrl: './analyzer-dialog.component.scss',
})
export class OutfitDialog {
  protected readonly data = inject<AnalyzerDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = inject(AnalyzeSubmission);
  protected readonly file = signal<File | null>(null);
  protected readonly presetName = signal('');
  protected readonly landscape = signal(false);

  protected onFile(file: File | null): void {
    this.file.set(file);
    this.landscape.set(false);
    if (!file) return;
    void createImageBitmap(file)
      .then((bitmap) => {
        this.landscape.set(bitmap.width > bitmap.height * 1.2);
        bitmap.close();
      })
      .catch(() => this.landscape.set(false));
  }

  protected analyze(): void {
    const image = this.file();
    if (image) this.submission.submit({ analyzer: this.data.analyzer.name, image, presetName: this.presetName() });
  }
}
