// A realistic history of finished jobs for the scale scenarios: the product's mix of job types
// (uploads with their thumbnails, analyses, comprehensive analyses with their children, image
// generations), mostly completed with some failed and cancelled, a dozen owners, finished over the
// last 7 days, with inputs and results of the size the product writes and searchable names.

const DAY_MS = 86_400_000;
const OWNERS = Array.from({ length: 12 }, (_, i) => `0193a5c2-7f00-7000-8000-${String(i + 1).padStart(12, '0')}`);
const ANALYZERS = ['hair-color', 'face-shape', 'skin-tone', 'makeup', 'eyebrows', 'hairstyle', 'accessories', 'lighting'];
const PRESET_WORDS = ['Autumn copper', 'Soft balayage', 'Winter ash', 'Golden hour', 'Studio neutral', 'Bold berry', 'Natural glow', 'Sleek bob'];
/** Children of each comprehensive analysis (its first analyzers), stored right after it. */
const CHILDREN = 3;

/** Job `i` of `count` belongs to the kind this cycle of 20 says (a comprehensive analysis is followed by its children). */
function kindOf(i) {
  const slot = i % 20;
  if (slot < 7) return 'generate_thumbnail';
  if (slot === 7) return 'comprehensive_analyze';
  if (slot <= 7 + CHILDREN) return 'child';
  if (slot < 18) return 'analyze';
  return 'generate_image';
}

/** Final status: ≈ 90 % completed, 6 % failed, 4 % cancelled (children follow their parent). */
function statusOf(i) {
  const r = (Math.imul(i, 2654435761) >>> 0) % 100;
  return r < 90 ? 'completed' : r < 96 ? 'failed' : 'cancelled';
}

const iso = (ms) => new Date(ms).toISOString();

const analysisData = (analyzer, i) => ({
  analyzer,
  summary: `${PRESET_WORDS[i % PRESET_WORDS.length]}: warm base with fine ribbons around the face, even tone through mid-lengths and ends, no visible banding.`,
  attributes: { base_color: 'chestnut brown', undertone: 'warm', highlights: 'subtle honey balayage', technique: 'hand-painted, soft root melt', roots: '2 cm regrowth', shine: 'high' },
  confidence: 0.82 + (i % 17) / 100,
});

/** What a job of `kind` holds: title, input, result (when completed), metadata. */
function content(kind, i, id, analyzer) {
  const image = (i * 2654435761).toString(16).padStart(12, '0').repeat(6).slice(0, 64);
  const file = `portrait-${i}.jpg`;
  const preset = i % 3 === 0 ? `${PRESET_WORDS[i % PRESET_WORDS.length]} ${i % 97}` : undefined;
  switch (kind) {
    case 'generate_thumbnail':
      return { title: `Thumbnail of ${file}`, input: { image_id: image }, result: { image_id: image, thumbnail_bytes: 18_000 + (i % 9000) }, metadata: { file_name: file } };
    case 'comprehensive_analyze':
      return {
        title: 'Comprehensive analysis',
        input: { analyzers: ANALYZERS, image_id: image, ...(preset && { preset_name: preset }) },
        result: { preset_ids: ANALYZERS.map((a) => `${id.slice(0, 24)}${a.padEnd(12, '0').slice(0, 12)}`) },
        metadata: { file_name: file, provider: 'openai', model: 'gpt-4o-mini' },
      };
    case 'generate_image':
      return {
        title: 'Image from preset',
        input: { preset_id: id, prompt: `A portrait in the ${PRESET_WORDS[i % PRESET_WORDS.length].toLowerCase()} look, soft window light, 85 mm, shallow depth of field` },
        result: { image_id: image, preset_id: id, provider: 'openai', model: 'gpt-image-1' },
        metadata: { provider: 'openai', model: 'gpt-image-1' },
      };
    default:
      return {
        title: `${analyzer.replace('-', ' ').replace(/^./, (c) => c.toUpperCase())} analysis`,
        input: { analyzer, image_id: image, ...(preset && { preset_name: preset }) },
        result: { preset_id: id, analyzer, data: analysisData(analyzer, i), provider: 'openai', model: 'gpt-4o-mini' },
        metadata: { file_name: file, provider: 'openai', model: 'gpt-4o-mini' },
      };
  }
}

/** The error a failed job keeps. */
const FAILED = JSON.stringify({ message: 'The vision model did not answer in time (attempt 3 of 3)', code: 'upstream_timeout', retryable: true });
const CANCELLED = JSON.stringify({ message: 'Cancelled by a user', code: 'cancelled', retryable: false });

/**
 * Yields `count` job rows (the `jobs` table's columns, JSON as text), oldest first, their ids
 * ascending with their creation time as the product's uuidv7 ids are. `now` is the newest finish;
 * the oldest finishes a few minutes inside the 7-day retention, so no cleanup removes any.
 */
export function* historyRows(count, { now, uuidv7 }) {
  const span = 7 * DAY_MS - 10 * 60_000;
  const timesOf = (i) => {
    const finished = now - span + Math.floor((i * span) / count);
    const runMs = kindOf(i) === 'generate_thumbnail' ? 40 + (i % 200) : 1500 + ((i * 37) % 6000);
    return { finished, started: finished - runMs, created: finished - runMs - (20 + ((i * 13) % 900)) };
  };
  // A comprehensive analysis names its children, made (and numbered) right after it.
  let parent;
  let nextIds = [];
  for (let i = 0; i < count; i++) {
    const kind = kindOf(i);
    const isChild = kind === 'child' && parent !== undefined;
    const type = kind === 'child' ? 'analyze' : kind;
    const status = isChild ? parent.status : statusOf(i);
    const { finished, started, created } = timesOf(i);
    const id = isChild ? nextIds.shift() : uuidv7(created);
    let childIds = [];
    if (type === 'comprehensive_analyze') {
      childIds = Array.from({ length: Math.min(CHILDREN, count - i - 1) }, (_, k) => uuidv7(timesOf(i + 1 + k).created));
      nextIds = [...childIds];
    }
    const analyzer = isChild ? ANALYZERS[(i % 20) - 8] : ANALYZERS[i % ANALYZERS.length];
    const c = content(type, i, id, analyzer);
    const neverStarted = status === 'cancelled' && i % 2 === 0;
    const row = {
      id,
      type,
      status,
      title: c.title,
      progress: status === 'completed' ? 1 : 0.5,
      current_step: status === 'completed' ? 4 : 2,
      total_steps: 4,
      step_label: status === 'completed' ? 'Completed' : status === 'failed' ? 'Failed' : 'Cancelled',
      parent_id: isChild ? parent.id : null,
      child_ids: JSON.stringify(childIds),
      depends_on: '[]',
      priority: 0,
      attempts: neverStarted ? 0 : status === 'failed' ? 3 : 1,
      max_attempts: 3,
      input: JSON.stringify(c.input),
      result: status === 'completed' ? JSON.stringify(c.result) : null,
      error: status === 'failed' ? FAILED : status === 'cancelled' ? CANCELLED : null,
      metadata: JSON.stringify(c.metadata),
      owner: isChild ? parent.owner : OWNERS[(i * 31) % OWNERS.length],
      run_at: null,
      created_at: iso(created),
      started_at: neverStarted ? null : iso(started),
      finished_at: iso(finished),
      updated_at: iso(finished),
      worker_id: neverStarted ? null : `worker-${(i % 4) + 1}`,
    };
    if (type === 'comprehensive_analyze') parent = row;
    else if (!isChild) parent = undefined;
    yield row;
  }
}

/** The columns of a history row, in one order for the seeders. */
export const HISTORY_COLUMNS = Object.keys(
  historyRows(1, { now: Date.now(), uuidv7: () => '0' })
    .next()
    .value,
);

/** A file name that exactly one job of `count` carries (a search that must look through everything). */
export const rareFileName = (count) => `portrait-${Math.floor(count / 40) * 20 + 1}.jpg`;
