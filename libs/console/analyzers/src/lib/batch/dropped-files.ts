/**
 * Reads what was dropped or picked, folders included: a dropped folder arrives as a
 * FileSystemDirectoryEntry (`webkitGetAsEntry`), read to the end in batches; a folder picked
 * with `webkitdirectory` arrives as files that carry `webkitRelativePath`.
 */
import type { PickedFile } from './batch-selection';

/** A runaway folder (a whole photo library) stops being read past this many files. */
const MAX_READ = 5_000;

export function pickedFromInput(files: FileList | null): PickedFile[] {
  return [...(files ?? [])].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/** The files of a drop; `entries` are read before anything awaits (the DataTransfer empties after the event). */
export async function pickedFromDrop(transfer: DataTransfer | null): Promise<PickedFile[]> {
  if (!transfer) return [];
  const items = [...transfer.items].filter((i) => i.kind === 'file');
  const entries = items.map((i) => i.webkitGetAsEntry?.() ?? null);
  if (!entries.length || entries.some((e) => e === null)) return pickedFromInput(transfer.files);
  const out: PickedFile[] = [];
  for (const entry of entries) await readEntry(entry as FileSystemEntry, out);
  return out;
}

async function readEntry(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (out.length >= MAX_READ) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, path: entry.fullPath.replace(/^\//, '') || file.name });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers at most ~100 entries per call: read until it answers none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return;
    for (const child of batch) await readEntry(child, out);
  }
}
