import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { COMPREHENSIVE_ANALYZER } from '@atelier/contracts';
import type { AnalyzerDialogData } from './analyzer-dialog-data';
import { AnalyzeSubmission } from './analyze-submission';
import { UploadFields } from './upload-fields.component';
import { AnalyzeDialogActions } from './analyze-dialog-actions.component';

/** Runs several analyses of one image as a parent job with one child per analysis. */
@Component({
  selector: 'atl-comprehensive-dialog',
  imports: [MatDialogModule, MatCheckboxModule, UploadFields, AnalyzeDialogActions],
  providers: [AnalyzeSubmission],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './comprehensive-dialog.component.html',
  styleUrl: './analyzer-dialog.component.scss',
})
export class ComprehensiveDialog {
  protected readonly data = inject<AnalyzerDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = inject(AnalyzeSubmission);
  protected readonly choices = this.data.all.filter((a) => a.name !== COMPREHENSIVE_ANALYZER);
  protected readonly selected = signal<ReadonlySet<string>>(new Set(this.choices.map((a) => a.name)));
  protected readonly file = signal<File | null>(null);
  protected readonly presetName = signal('');
  protected readonly allSelected = computed(() => this.selected().size === this.choices.length);
  protected readonly someSelected = computed(() => this.selected().size > 0 && !this.allSelected());

  protected toggle(name: string, checked: boolean): void {
    const next = new Set(this.selected());
    if (checked) next.add(name);
    else next.delete(name);
    this.selected.set(next);
  }

  protected toggleAll(checked: boolean): void {
    this.selected.set(new Set(checked ? this.choices.map((a) => a.name) : []));
  }

  protected analyze(): void {
    const image = this.file();
    const analyzers = this.choices.map((a) => a.name).filter((n) => this.selected().has(n));
    if (image && analyzers.length) {
      this.submission.submit({ analyzer: this.data.analyzer.name, image, presetName: this.presetName(), analyzers });
    }
  }
}
