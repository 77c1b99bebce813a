import type { AnalyzerInfo } from '@atelier/contracts';
import type { UploadLimits } from '@atelier/console/data-access';

export interface AnalyzerDialogData {
  readonly analyzer: AnalyzerInfo;
  /** Every analyzer; the comprehensive dialog offers the single ones as checkboxes. */
  readonly all: readonly AnalyzerInfo[];
  /** The server's upload limits, or null when it does not say. */
  readonly limits: UploadLimits | null;
}
