/**
 * The files of an "Analyze many" batch, checked before anything is sent: images within the server's
 * size limit are taken; other files are skipped with a note, and the batch is capped at its maximum.
 */
import { ACCEPTED_IMAGE_TYPES, imageFileProblem } from '@atelier/console/ui';

/** The most images one `POST /api/batches` takes (the contract's 1–500). */
export const MAX_BATCH_IMAGES = 500;

export interface BatchFile {
  /** Stable within the selection (two files may share a name, from different folders). */
  readonly id: number;
  readonly file: File;
  /** Where it came from in a dropped or picked folder, else its name. */
  readonly path: string;
  /** What the server said about this file on the last submission. */
  readonly serverProblem?: string;
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface BatchSelection {
  readonly files: readonly BatchFile[];
  readonly skipped: readonly SkippedFile[];
}

export const EMPTY_SELECTION: BatchSelection = { files: [], skipped: [] };

/** A file with the path it had inside a dropped or picked folder. */
export interface PickedFile {
  readonly file: File;
  readonly path: string;
}

let nextId = 0;

function isHidden(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

/** Adds `picked` to `selection`: checked, without a second copy of a file already chosen, up to the maximum. */
export function addToSelection(selection: BatchSelection, picked: readonly PickedFile[], maxBytes: number | null, max = MAX_BATCH_IMAGES): BatchSelection {
  const files = [...selection.files];
  const skipped = [...selection.skipped];
  const known = new Set(files.map((f) => `${f.path}\u0000${f.file.size}`));
  for (const { file, path } of picked) {
    // Folders carry system files (.DS_Store, ._x.jpg): not what anyone meant to send, nor worth a note.
    if (isHidden(path)) continue;
    const key = `${path}\u0000${file.size}`;
    if (known.has(key)) continue;
    if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type)) {
      skipped.push({ path, reason: 'not a JPEG, PNG, WebP or GIF image' });
      continue;
    }
    const problem = imageFileProblem(file, maxBytes);
    if (problem) {
      skipped.push({ path, reason: problem });
      continue;
    }
    if (files.length >= max) {
      skipped.push({ path, reason: `over the ${max} images one batch takes` });
      continue;
    }
    known.add(key);
    files.push({ id: nextId++, file, path });
  }
  return { files, skipped };
}

export function removeFromSelection(selection: BatchSelection, id: number): BatchSelection {
  return { ...selection, files: selection.files.filter((f) => f.id !== id) };
}

/** The note under the list: how many files were skipped and why, naming the first few. */
export function skippedNote(skipped: readonly SkippedFile[], named = 3): string | null {
  if (!skipped.length) return null;
  const shown = skipped.slice(0, named).map((s) => `${s.path} (${s.reason})`);
  const more = skipped.length > named ? `, and ${skipped.length - named} more` : '';
  return `${skipped.length === 1 ? '1 file was' : `${skipped.length} files were`} skipped: ${shown.join('; ')}${more}.`;
}

/** A size in words: "340 KB", "12.4 MB". */
export function fileSize(bytes: number): string {
  return bytes < 1048576 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** The total size of the selection in words, for the list's summary. */
export function totalSize(files: readonly BatchFile[]): string {
  return fileSize(files.reduce((sum, f) => sum + f.file.size, 0));
}

/**
 * Marks the files the server named in its refusal (a field `images[3]`, or a message that quotes
 * the file's name), so that the person sees which to remove. The rest keep no mark.
 */
export function markServerProblems(selection: BatchSelection, errors: readonly { field: string; message: string }[]): BatchSelection {
  const byIndex = new Map<number, string>();
  for (const e of errors) {
    const index = /^images\[(\d+)\]/.exec(e.field);
    if (index) byIndex.set(Number(index[1]), e.message);
  }
  const files = selection.files.map((f, i) => {
    const message = byIndex.get(i) ?? errors.find((e) => e.message.includes(f.file.name) || e.field === f.file.name)?.message;
    if (message === f.serverProblem) return f;
    const { serverProblem: _old, ...rest } = f;
    return message ? { ...rest, serverProblem: message } : rest;
  });
  return { ...selection, files };
}
