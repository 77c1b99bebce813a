import type { CreateJobSpec } from '@atelier/jobs';
import type { AnalyzerDefinition } from '../definitions/analyzer-definition';

/** Who asks, and the image as uploaded: what every analysis job of one upload shares. */
export interface AnalysisSubject {
  owner?: string;
  imageId: string;
  /** The upload's own file name, kept for people to recognise the job (cards, search). */
  fileName?: string;
  presetName?: string;
  priority?: number;
}

/** One analyzer on one image: an `analyze` job. */
export function analyzeJobSpec(analyzer: AnalyzerDefinition, subject: AnalysisSubject): CreateJobSpec<'analyze'> {
  return {
    type: 'analyze',
    title: titleOf(analyzer),
    owner: subject.owner,
    input: { analyzer: analyzer.name, image_id: subject.imageId, preset_name: subject.presetName },
    metadata: uploadMetadata(subject.fileName),
    priority: subject.priority,
  };
}

/** Several analyzers on one image: a `comprehensive_analyze` parent with one `analyze` child each (they inherit its priority). */
export function comprehensiveJobSpec(selected: AnalyzerDefinition[], subject: AnalysisSubject): CreateJobSpec<'comprehensive_analyze'> {
  const { presetName } = subject;
  return {
    type: 'comprehensive_analyze',
    title: 'Comprehensive analysis',
    owner: subject.owner,
    input: { analyzers: selected.map((a) => a.name), image_id: subject.imageId, preset_name: presetName },
    metadata: uploadMetadata(subject.fileName),
    priority: subject.priority,
    children: selected.map((analyzer) =>
      analyzeJobSpec(analyzer, { ...subject, priority: undefined, presetName: presetName ? `${presetName} · ${analyzer.title}` : undefined }),
    ),
  };
}

function titleOf(analyzer: AnalyzerDefinition): string {
  return `${analyzer.title} analysis`;
}

/** What a job keeps of its upload for people to recognise it: the file's own name. */
function uploadMetadata(fileName: string | undefined): Record<string, unknown> {
  const name = fileName?.trim().slice(0, 255);
  return name ? { file_name: name } : {};
}
