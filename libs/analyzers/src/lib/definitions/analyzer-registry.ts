import { COMPREHENSIVE_ANALYZER, type AnalyzerInfo } from '@atelier/contracts';
import { InvalidInputError, NotFoundError } from '@atelier/platform';
import type { AnalyzerDefinition } from './analyzer-definition';
import { visualStyleAnalyzer } from './visual-style.analyzer';
import { artStyleAnalyzer } from './art-style.analyzer';
import { hairStyleAnalyzer } from './hair-style.analyzer';
import { hairColorAnalyzer } from './hair-color.analyzer';
import { makeupAnalyzer } from './makeup.analyzer';
import { expressionAnalyzer } from './expression.analyzer';
import { accessoriesAnalyzer } from './accessories.analyzer';
import { outfitAnalyzer } from './outfit.analyzer';

/** Every analyzer, in the order the console lists them. */
export const ANALYZERS: readonly AnalyzerDefinition[] = [
  visualStyleAnalyzer,
  artStyleAnalyzer,
  hairStyleAnalyzer,
  hairColorAnalyzer,
  makeupAnalyzer,
  expressionAnalyzer,
  accessoriesAnalyzer,
  outfitAnalyzer,
];

export const COMPREHENSIVE_INFO: AnalyzerInfo = {
  name: COMPREHENSIVE_ANALYZER,
  title: 'Comprehensive',
  description: 'Runs several analyzers (default: all) on one image as one parent job with a child job per analyzer.',
  category: 'all',
};

/** The one registry of analyzer definitions. */
export class AnalyzerRegistry {
  private readonly byName: ReadonlyMap<string, AnalyzerDefinition>;

  constructor(readonly all: readonly AnalyzerDefinition[] = ANALYZERS) {
    const byName = new Map<string, AnalyzerDefinition>();
    for (const def of all) {
      if (byName.has(def.name)) throw new Error(`Two analyzers are named "${def.name}"`);
      if (def.name === COMPREHENSIVE_ANALYZER) throw new Error(`"${COMPREHENSIVE_ANALYZER}" is reserved`);
      byName.set(def.name, def);
    }
    this.byName = byName;
  }

  get names(): string[] {
    return this.all.map((d) => d.name);
  }

  /** 404 naming the valid analyzers when there is none of that name. */
  get(name: string): AnalyzerDefinition {
    const def = this.byName.get(name);
    if (!def) throw new NotFoundError(`No analyzer named "${name}". Valid analyzers: ${[...this.names, COMPREHENSIVE_ANALYZER].join(', ')}.`);
    return def;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Parses the comprehensive `analyzers` field: a comma list, default all; unknown names are a 400 listing the valid ones. */
  select(commaList: string | undefined): AnalyzerDefinition[] {
    const names = [...new Set((commaList ?? '').split(',').map((n) => n.trim()).filter(Boolean))];
    if (names.length === 0) return [...this.all];
    const unknown = names.filter((n) => !this.byName.has(n));
    if (unknown.length) {
      throw new InvalidInputError(`Unknown analyzer(s): ${unknown.join(', ')}. Valid analyzers: ${this.names.join(', ')}.`, {
        errors: [{ field: 'analyzers', message: `unknown: ${unknown.join(', ')}` }],
      });
    }
    return names.map((n) => this.byName.get(n)!);
  }

  infos(): AnalyzerInfo[] {
    return [...this.all.map(({ name, title, description, category }) => ({ name, title, description, category })), COMPREHENSIVE_INFO];
  }
}
