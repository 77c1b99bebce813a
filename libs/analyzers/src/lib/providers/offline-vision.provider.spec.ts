import { OfflineVisionProvider, OFFLINE_MODEL } from './offline-vision.provider';
import { visualStyleAnalyzer } from '../definitions/visual-style.analyzer';
import { hairColorAnalyzer } from '../definitions/hair-color.analyzer';
import { solidImage, stripesImage } from '../testing/test-images';

describe('OfflineVisionProvider', () => {
  const provider = new OfflineVisionProvider(0);

  it('reads a red image as a red-dominant, warm palette', async () => {
    const image = { data: await solidImage('#dd1111', 80, 60, 'jpeg'), mimeType: 'image/jpeg' };
    const answer = await provider.analyze({ image, analyzer: visualStyleAnalyzer, signal: new AbortController().signal });
    const out = answer.output as { palette: { name: string; hex: string }[]; lighting: { temperature: string }; composition: { aspect: string } };
    expect(answer.model).toBe(OFFLINE_MODEL);
    expect(out.palette[0].name).toBe('red');
    expect(out.lighting.temperature).toBe('warm');
    expect(out.composition.aspect).toBe('landscape');
  });

  it('is deterministic and uses the measured colours as swatches', async () => {
    const image = { data: await stripesImage(['#2040d0', '#2040d0', '#e0e0e0']), mimeType: 'image/png' };
    const run = () => provider.analyze({ image, analyzer: hairColorAnalyzer, signal: new AbortController().signal });
    const first = (await run()).output as { swatches: string[]; tone: string };
    expect((await run()).output).toEqual(first);
    expect(first.swatches).toHaveLength(2);
    expect(first.tone).toBe('cool');
  });

  it('spreads its latency over progress stages and stops when aborted', async () => {
    const slow = new OfflineVisionProvider(60_000);
    const controller = new AbortController();
    const labels: string[] = [];
    const image = { data: await solidImage('#00aa00'), mimeType: 'image/png' };
    const pending = slow.analyze({
      image,
      analyzer: visualStyleAnalyzer,
      signal: controller.signal,
      onStage: async (index) => {
        labels.push(slow.stages[index]);
        controller.abort(new Error('cancelled'));
      },
    });
    await expect(pending).rejects.toThrow('cancelled');
    expect(labels).toEqual(['Measuring the image']);
  });
});
