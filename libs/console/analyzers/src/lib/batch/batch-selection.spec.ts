import { EMPTY_SELECTION, addToSelection, markServerProblems, removeFromSelection, skippedNote, totalSize, type PickedFile } from './batch-selection';

function picked(path: string, type = 'image/jpeg', bytes = 2048): PickedFile {
  return { path, file: new File([new Uint8Array(bytes)], path.split('/').pop()!, { type }) };
}

describe('the selection of an "Analyze many" batch', () => {
  it('takes images, skips other files with a note, and leaves out hidden system files', () => {
    const selection = addToSelection(EMPTY_SELECTION, [picked('trip/a.jpg'), picked('trip/notes.txt', 'text/plain'), picked('trip/.DS_Store', ''), picked('trip/b.png', 'image/png')], null);
    expect(selection.files.map((f) => f.path)).toEqual(['trip/a.jpg', 'trip/b.png']);
    expect(selection.skipped).toEqual([{ path: 'trip/notes.txt', reason: 'not a JPEG, PNG, WebP or GIF image' }]);
    expect(skippedNote(selection.skipped)).toBe('1 file was skipped: trip/notes.txt (not a JPEG, PNG, WebP or GIF image).');
  });

  it("skips images over the server's size limit, and empty ones, saying why", () => {
    const selection = addToSelection(EMPTY_SELECTION, [picked('big.jpg', 'image/jpeg', 3 * 1048576), picked('empty.jpg', 'image/jpeg', 0), picked('ok.jpg')], 1048576);
    expect(selection.files.map((f) => f.path)).toEqual(['ok.jpg']);
    expect(selection.skipped.map((s) => s.reason)).toEqual(['“big.jpg” is 3.0 MB; the limit is 1 MB.', '“empty.jpg” is empty.']);
  });

  it('does not take the same file twice, and stops at the most one batch takes', () => {
    let selection = addToSelection(EMPTY_SELECTION, [picked('a.jpg'), picked('b.jpg')], null, 3);
    selection = addToSelection(selection, [picked('a.jpg'), picked('c.jpg'), picked('d.jpg')], null, 3);
    expect(selection.files.map((f) => f.path)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
    expect(selection.skipped).toEqual([{ path: 'd.jpg', reason: 'over the 3 images one batch takes' }]);
  });

  it('removes one file by its id, even when another has the same name', () => {
    const selection = addToSelection(EMPTY_SELECTION, [picked('x/a.jpg'), picked('y/a.jpg')], null);
    const after = removeFromSelection(selection, selection.files[0].id);
    expect(after.files.map((f) => f.path)).toEqual(['y/a.jpg']);
  });

  it('names the first skipped files and counts the rest', () => {
    const skipped = ['1', '2', '3', '4', '5'].map((n) => ({ path: `${n}.txt`, reason: 'not an image' }));
    expect(skippedNote(skipped, 2)).toBe('5 files were skipped: 1.txt (not an image); 2.txt (not an image), and 3 more.');
    expect(skippedNote([])).toBeNull();
  });

  it('marks the files the server named, by index or by name, and clears marks it no longer gives', () => {
    const selection = addToSelection(EMPTY_SELECTION, [picked('a.jpg'), picked('b.jpg'), picked('c.jpg')], null);
    const marked = markServerProblems(selection, [
      { field: 'images[1]', message: 'b.jpg is not a decodable image.' },
      { field: 'images', message: '“c.jpg” is larger than 40 megapixels.' },
    ]);
    expect(marked.files.map((f) => f.serverProblem ?? null)).toEqual([null, 'b.jpg is not a decodable image.', '“c.jpg” is larger than 40 megapixels.']);
    expect(markServerProblems(marked, []).files.every((f) => f.serverProblem === undefined)).toBe(true);
  });

  it('sums the sizes in words', () => {
    const selection = addToSelection(EMPTY_SELECTION, [picked('a.jpg', 'image/jpeg', 1048576), picked('b.jpg', 'image/jpeg', 524288)], null);
    expect(totalSize(selection.files)).toBe('1.5 MB');
  });
});
