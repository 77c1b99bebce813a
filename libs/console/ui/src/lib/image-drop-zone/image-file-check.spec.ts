import { imageFileProblem, uploadHint } from './image-file-check';

describe('the upload check and hint', () => {
  it('names the limits the server gave, and none when it gave none', () => {
    expect(uploadHint(20 * 1048576, 40_000_000)).toBe('JPEG, PNG, WebP or GIF · up to 20 MB and 40 megapixels');
    expect(uploadHint(1.5 * 1048576, null)).toBe('JPEG, PNG, WebP or GIF · up to 1.5 MB');
    expect(uploadHint(null, null)).toBe('JPEG, PNG, WebP or GIF');
  });

  it('refuses a file over the known limit, and leaves the size to the server when no limit is known', () => {
    const big = new File([new Uint8Array(3 * 1048576)], 'big.png', { type: 'image/png' });
    expect(imageFileProblem(big, 2 * 1048576)).toBe('“big.png” is 3.0 MB; the limit is 2 MB.');
    expect(imageFileProblem(big, null)).toBeNull();
    expect(imageFileProblem(new File(['x'], 'notes.txt', { type: 'text/plain' }), null)).toBe('“notes.txt” is not a JPEG, PNG, WebP or GIF image.');
  });
});
