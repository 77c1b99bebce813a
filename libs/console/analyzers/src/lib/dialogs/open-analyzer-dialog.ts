import type { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { COMPREHENSIVE_ANALYZER, type AnalyzerInfo, type Job } from '@atelier/contracts';
import type { UploadLimits } from '@atelier/console/data-access';
import type { AnalyzerDialogData } from './analyzer-dialog-data';
import { AnalyzerDialog } from './analyzer-dialog.component';
import { ComprehensiveDialog } from './comprehensive-dialog.component';
import { OutfitDialog } from './outfit-dialog.component';

/** Opens the right dialog for an analyzer; it closes with the queued job. */
export function openAnalyzerDialog(
  dialog: MatDialog,
  analyzer: AnalyzerInfo,
  all: readonly AnalyzerInfo[],
  limits: UploadLimits | null,
): MatDialogRef<unknown, Job> {
  const component = analyzer.name === COMPREHENSIVE_ANALYZER ? ComprehensiveDialog : analyzer.name === 'outfit' ? OutfitDialog : AnalyzerDialog;
  return dialog.open<unknown, AnalyzerDialogData, Job>(component, {
    data: { analyzer, all, limits },
    width: '560px',
    maxWidth: '94vw',
    autoFocus: 'first-tabbable',
  });
}
