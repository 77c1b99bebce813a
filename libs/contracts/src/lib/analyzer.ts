export interface AnalyzerInfo {
  name: string;
  title: string;
  description: string;
  category: string;
}

export interface UploadLimitsInfo {
  /** Largest accepted upload, in bytes (MAX_UPLOAD_BYTES). */
  max_upload_bytes: number;
  /** Largest accepted image, width × height (MAX_IMAGE_PIXELS). */
  max_pixels: number;
}

export interface AnalyzerList {
  analyzers: AnalyzerInfo[];
  /** What an upload may be (an addition to the contract), so clients need not hard-code it. */
  limits?: UploadLimitsInfo;
}

export const COMPREHENSIVE_ANALYZER = 'comprehensive';
