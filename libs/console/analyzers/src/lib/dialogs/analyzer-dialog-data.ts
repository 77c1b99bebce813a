import type { AnalyzerInfo } from '@atelier/contracts';

export interface AnalyzerDialogData {
  readonly analyzer: AnalyzerInfo;
  /** Every analyzer; the comprehensive dialog offers the single ones as checkboxes. */
  readonly all: readonly AnalyzerInfo[];
}
