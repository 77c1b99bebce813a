import { pickedFromDrop, pickedFromInput } from './dropped-files';

/** Fakes of the File and Directory Entries API as Chromium hands them to a drop. */
function fileEntry(path: string): FileSystemFileEntry {
  const file = new File([new Uint8Array(8)], path.split('/').pop()!, { type: 'image/jpeg' });
  return { isFile: true, isDirectory: false, fullPath: `/${path}`, file: (done: (f: File) => void) => done(file) } as unknown as FileSystemFileEntry;
}

/** A folder whose reader answers `perCall` entries at a time, then none (as readEntries does, ~100 at a time). */
function folderEntry(path: string, children: FileSystemEntry[], perCall = 2): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    fullPath: `/${path}`,
    createReader: () => {
      let at = 0;
      return { readEntries: (done: (e: FileSystemEntry[]) => void) => done(children.slice(at, (at += perCall))) };
    },
  } as unknown as FileSystemDirectoryEntry;
}

function transfer(entries: (FileSystemEntry | null)[], files: File[] = []): DataTransfer {
  return { items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })), files } as unknown as DataTransfer;
}

describe('reading what was dropped or picked', () => {
  it('reads a dropped folder to its end, nested folders included, with each file’s path', async () => {
    const trip = folderEntry('trip', [fileEntry('trip/a.jpg'), fileEntry('trip/b.jpg'), folderEntry('trip/day2', [fileEntry('trip/day2/c.jpg')]), fileEntry('trip/d.jpg')]);
    const picked = await pickedFromDrop(transfer([trip, fileEntry('loose.jpg')]));
    expect(picked.map((p) => p.path)).toEqual(['trip/a.jpg', 'trip/b.jpg', 'trip/day2/c.jpg', 'trip/d.jpg', 'loose.jpg']);
    expect(picked.every((p) => p.file instanceof File)).toBe(true);
  });

  it('falls back to the plain file list when the browser gives no entries', async () => {
    const file = new File([new Uint8Array(4)], 'x.png', { type: 'image/png' });
    expect((await pickedFromDrop(transfer([null], [file]))).map((p) => p.path)).toEqual(['x.png']);
    expect(await pickedFromDrop(null)).toEqual([]);
  });

  it('keeps the folder path of files picked with webkitdirectory', () => {
    const file = new File([new Uint8Array(4)], 'a.jpg', { type: 'image/jpeg' });
    Object.defineProperty(file, 'webkitRelativePath', { value: 'holiday/a.jpg' });
    expect(pickedFromInput([file] as unknown as FileList).map((p) => p.path)).toEqual(['holiday/a.jpg']);
  });
});
