/** Client-side check of an upload before it is sent (the server checks again, by content). */
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

/** `maxBytes`: the server's limit, or null when it is not known (the server still checks). */
export function imageFileProblem(file: File, maxBytes: number | null = null): string | null {
  if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return `“${file.name}” is not a JPEG, PNG, WebP or GIF image.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (maxBytes !== null && file.size > maxBytes) {
    return `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${megabytes(maxBytes)}.`;
  }
  return null;
}

/** The drop zone's hint: the formats, and the limits when the server told them. */
export function uploadHint(maxBytes: number | null, maxPixels: number | null): string {
  const limits = [maxBytes === null ? null : megabytes(maxBytes), maxPixels === null ? null : `${round(maxPixels / 1e6)} megapixels`];
  const known = limits.filter((l): l is string => l !== null);
  return `JPEG, PNG, WebP or GIF${known.length ? ` · up to ${known.join(' and ')}` : ''}`;
}

function megabytes(bytes: number): string {
  return `${round(bytes / 1048576)} MB`;
}

function round(value: number): string {
  return value >= 10 || Number.isInteger(value) ? String(Math.round(value)) : value.toFixed(1);
}
