import type { JobHandler } from './job-handler';
import { JobHandlerRegistry } from './job-handler.registry';

const handler = (type: JobHandler['type'], name = 'H'): JobHandler => {
  const h = { type, run: async () => ({ result: {} }) } as unknown as JobHandler;
  Object.defineProperty(h, 'constructor', { value: { name } });
  return h;
};

describe('JobHandlerRegistry', () => {
  it('fails loudly, naming the type, when a type has no handler or two', () => {
    expect(() => new JobHandlerRegistry([handler('analyze')], ['analyze', 'generate_image'])).toThrow('job type "generate_image" has no handler');
    expect(() => new JobHandlerRegistry([handler('analyze', 'A'), handler('analyze', 'B')], ['analyze'])).toThrow(
      'job type "analyze" has two handlers: A and B',
    );
  });

  it('answers the handler of a type and whether it is a parent type', () => {
    const parent = { type: 'batch', aggregate: () => ({ completed_ids: [], failed_ids: [] }) } as JobHandler;
    const registry = new JobHandlerRegistry([handler('analyze'), parent], ['analyze', 'batch']);
    expect(registry.isParentType('batch')).toBe(true);
    expect(registry.isParentType('analyze')).toBe(false);
    expect(registry.get('batch')).toBe(parent);
  });
});
