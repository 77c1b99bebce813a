import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { COMPREHENSIVE_ANALYZER, type AnalyzerInfo } from '@atelier/contracts';
import { AnalyzersApi, problemMessage } from '@atelier/console/data-access';
import { openAnalyzerDialog } from '../dialogs/open-analyzer-dialog';
import { analyzerIcon } from './analyzer-icons';

/** The Analyzers page: a card per analyzer; each opens its upload dialog. */
@Component({
  selector: 'atl-analyzers-page',
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './analyzers-page.component.html',
  styleUrl: './analyzers-page.component.scss',
})
export class AnalyzersPage {
  private readonly api = inject(AnalyzersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly reload = signal(0);

  protected readonly analyzers = rxResource({ params: () => this.reload(), stream: () => this.api.catalog() });
  protected readonly list = computed(() => (this.analyzers.hasValue() ? this.analyzers.value().analyzers : []));
  private readonly limits = computed(() => (this.analyzers.hasValue() ? this.analyzers.value().limits : null));
  protected readonly comprehensive = computed(() => this.list().find((a) => a.name === COMPREHENSIVE_ANALYZER));
  protected readonly singles = computed(() => this.list().filter((a) => a.name !== COMPREHENSIVE_ANALYZER));
  protected readonly loadError = computed(() => (this.analyzers.error() ? problemMessage(this.analyzers.error()) : null));
  protected readonly icon = analyzerIcon;

  /** The batch dialog loads with its first use: most visits analyze one image. */
  protected openMany(): void {
    const data = { analyzers: this.singles(), limits: this.limits() };
    import('../batch/analyze-many-dialog.component')
      .then(({ AnalyzeManyDialog }) => this.dialog.open(AnalyzeManyDialog, { data, width: '640px', maxWidth: '94vw', autoFocus: 'first-tabbable' }))
      .catch(() => this.snackBar.open('Could not open “Analyze many”: check your connection and try again.', 'Close', { duration: 8000 }));
  }

  protected open(analyzer: AnalyzerInfo): void {
    openAnalyzerDialog(this.dialog, analyzer, this.list(), this.limits());
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }
}
