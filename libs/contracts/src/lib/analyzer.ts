export interface AnalyzerInfo {
  name: string;
  title: string;
  description: string;
  category: string;
}

export interface AnalyzerList {
  analyzers: AnalyzerInfo[];
}

export const COMPREHENSIVE_ANALYZER = 'comprehensive';
