/** Submits a hair-color analysis to a running server as an integration does (multipart upload, async mode). */
export async function submitAnalysis(url: string, image: Buffer, headers: Record<string, string> = {}): Promise<string> {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'swatch.png');
  const res = await fetch(`${url}/api/analyzers/hair-color/analyze?async_mode=true`, { method: 'POST', body: form, headers });
  if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { job_id: string }).job_id;
}
