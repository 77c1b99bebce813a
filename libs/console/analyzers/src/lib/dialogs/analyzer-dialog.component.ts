import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { AnalyzerDialogData } from './analyzer-dialog-data';
import { AnalyzeSubmission } from './analyze-submission';
import { UploadFields } from './upload-fields.component';
import { AnalyzeDialogActions } from './analyze-dialog-actions.component';

/** The dialog of the seven single analyzers: one image in, one preset out. */
@Component({
  selector: 'atl-analyzer-dialog',
  imports: [MatDialogModule, UploadFields, AnalyzeDialogActions],
  providers: [AnalyzeSubmission],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './analyzer-dialog.component.html',
  styleUrl: './analyzer-dialog.component.scss',
})
export class AnalyzerDialog {
  protected readonly data = inject<AnalyzerDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = inject(AnalyzeSubmission);
  protected readonly file = signal<File | null>(null);
  protected readonly presetName = signal('');

  protected analyze(): void {
    const image = this.file();
    if (image) this.submission.submit({ analyzer: this.data.analyzer.name, image, presetName: this.presetName() });
  }
}
