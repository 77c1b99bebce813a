/** Local images to upload: checked before anything is sent, so a typo never leaves half a set of jobs behind. */
import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { UsageError } from '../cli-error';

/** The formats the server accepts (it checks the content; the extension only picks the files of a folder). */
const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

export const IMAGE_EXTENSIONS = Object.keys(IMAGE_TYPES);

/** A file to upload, read lazily from disk and named as on disk (the server keeps the name). */
export async function openImage(path: string): Promise<File> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${path}: no such file.` : `${path}: ${(err as Error).message}`);
  }
  if (!info.isFile()) throw new UsageError(`${path} is not a file.`);
  if (info.size === 0) throw new UsageError(`${path} is empty.`);
  try {
    const blob = await openAsBlob(path);
    return new File([blob], basename(path), { type: IMAGE_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' });
  } catch (err) {
    throw new UsageError(`${path}: ${(err as Error).message}`);
  }
}

/** Every image file (by extension, hidden files left out) in a folder, sorted by path; sub-folders only when asked. */
export async function imagesInDirectory(dir: string, recursive: boolean): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${dir}: no such folder.` : code === 'ENOTDIR' ? `${dir} is not a folder.` : `${dir}: ${(err as Error).message}`);
  }
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && IMAGE_EXTENSIONS.includes(extname(e.name).toLowerCase()))
    .map((e) => join(e.parentPath ?? dir, e.name))
    .filter((path) => !relative(dir, path).split(/[\\/]/).some((part) => part.startsWith('.')))
    .sort();
}

/** A multipart body: Files as files with their names, arrays as repeated fields, the rest as text. */
export function multipartForm(body: object): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (item instanceof File) form.append(name, item, item.name);
      else form.append(name, String(item));
    }
  }
  return form;
}
