/**
 * Building the feed document from its sources (pure; the CLI is `scripts/feed-build.ts`).
 *
 * HIBP data is third party: a record that cannot be normalised is dropped and reported.
 * Curated data is ours: any problem with it is a bug and comes back in `report.errors`, which
 * the CLI treats as fatal. Output is deterministic: breaches sorted by id, `generated` taken
 * from the sources (never the clock), so rebuilding unchanged sources gives identical bytes.
 */
import { Attribution, FEED_FORMAT, FeedDocument, IsoInstant, type BreachRecord } from './schema';
import { curatedToRecord, hibpToRecord, mergeRecords, type CuratedBreach, type HibpBreach, type Normalised, type Sanitise } from './normalise';

/** Credits shipped with the feed; HIBP's licence requires attribution wherever its data shows. */
export const ATTRIBUTIONS: Attribution[] = [
  {
    name: 'Have I Been Pwned',
    url: 'https://haveibeenpwned.com',
    licence: 'CC BY 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  },
  {
    name: 'Exposure Watch curated breaches',
    url: 'https://github.com/exposure-watch/exposure-watch',
    licence: 'CC BY 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  },
];

/** The parsed JSON of each source file: each should be an array of breaches. */
export interface FeedSources {
  hibp: unknown;
  curated: unknown;
}

export interface BuildOptions {
  sanitise: Sanitise;
  /** Positive integer; see `chooseSequence`. */
  sequence: number;
  /** ISO instant; defaults to the newest addedDate/modifiedDate among the output breaches. */
  generated?: string;
}

/** What the build did; every line is `id: what`. */
export interface BuildReport {
  hibpIn: number;
  curatedIn: number;
  /** Breaches in the document. */
  out: number;
  repaired: string[];
  /** HIBP records left out, and why. */
  dropped: string[];
  merged: string[];
  /** Problems in curated data; the document leaves those records out, the CLI fails. */
  errors: string[];
}

/**
 * Build the feed document.
 * @throws if a source is not an array, or no `generated` can be found (no breaches and no option).
 */
export function buildFeed(sources: FeedSources, options: BuildOptions): { document: FeedDocument; report: BuildReport } {
  const hibp = asArray(sources.hibp, 'HIBP source');
  const curated = asArray(sources.curated, 'curated source');
  const report: BuildReport = { hibpIn: hibp.length, curatedIn: curated.length, out: 0, repaired: [], dropped: [], merged: [], errors: [] };
  const byId = new Map<string, BreachRecord>();

  for (const raw of hibp) {
    const result = normalised(raw, (r) => hibpToRecord(r as HibpBreach, options.sanitise), report);
    if (!result.ok) {
      report.dropped.push(`${result.id}: ${result.reason}`);
      continue;
    }
    const { record } = result;
    const existing = byId.get(record.id);
    if (existing) report.merged.push(`${record.id}: duplicate HIBP id merged (domains unioned)`);
    byId.set(record.id, existing ? mergeRecords(existing, record) : record);
  }

  const curatedIds = new Set<string>();
  for (const raw of curated) {
    const result = normalised(raw, (r) => curatedToRecord(r as CuratedBreach, options.sanitise), report);
    if (!result.ok) {
      report.errors.push(`${result.id}: ${result.reason}`);
      continue;
    }
    const { record } = result;
    if (curatedIds.has(record.id)) {
      report.errors.push(`${record.id}: duplicate curated id`);
      continue;
    }
    curatedIds.add(record.id);
    // Curated facts must be checkable: at least one https source each.
    if (record.sources.length === 0) {
      report.errors.push(`${record.id}: no https source (curated records must cite where their facts come from)`);
      continue;
    }
    const hibpName = (raw as CuratedBreach).HIBPName;
    // Merging with an HIBP record is asked for explicitly (HIBPName); a bare id clash is a mistake.
    if (byId.has(record.id) && hibpName !== record.id) {
      report.errors.push(`${record.id}: id is already an HIBP breach id; set "HIBPName": "${record.id}" to merge with it, or choose another id`);
      continue;
    }
    // The curated id wins, so a user's dismissals keep working once HIBP lists the breach too.
    const twinId = byId.has(record.id) ? record.id : typeof hibpName === 'string' && byId.has(hibpName) ? hibpName : null;
    if (twinId === null) {
      if (typeof hibpName === 'string' && hibpName !== '') report.merged.push(`${record.id}: HIBPName "${hibpName}" is not in the HIBP source, nothing merged`);
      byId.set(record.id, record);
      continue;
    }
    byId.set(record.id, mergeRecords(byId.get(twinId)!, record));
    if (twinId !== record.id) byId.delete(twinId);
    report.merged.push(`${record.id}: merged with HIBP breach ${twinId} (curated fields win, domains and sources unioned)`);
  }

  const breaches = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const generated = options.generated ?? newestDate(breaches);
  if (!IsoInstant.safeParse(generated).success) throw new Error(`generated must be an ISO instant like 2026-07-20T19:49:51Z, got ${JSON.stringify(generated)}`);
  const document = FeedDocument.parse({ format: FEED_FORMAT, sequence: options.sequence, generated, attributions: ATTRIBUTIONS, breaches });
  report.out = document.breaches.length;
  return { document, report };
}

/** The feed's exact bytes (as text): compact JSON, the form that is signed and shipped. */
export function serialiseFeed(document: FeedDocument): string {
  return JSON.stringify(document);
}

/**
 * The sequence for a rebuild, given the previous feed's text (null when there is none): the
 * previous sequence when the rebuilt content is byte-identical, previous + 1 when it changed,
 * 1 for a first feed. Clients refuse a feed whose sequence does not increase.
 * @throws if `previous` is not a feed with a positive integer sequence (never guess a lower one).
 */
export function chooseSequence(previous: string | null, document: FeedDocument): number {
  if (previous === null) return 1;
  let sequence: unknown;
  try {
    sequence = (JSON.parse(previous) as { sequence?: unknown }).sequence;
  } catch {
    throw new Error('the previous feed is not valid JSON: cannot tell its sequence');
  }
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) throw new Error('the previous feed has no valid sequence');
  return serialiseFeed({ ...document, sequence }) === previous ? sequence : sequence + 1;
}

function asArray(value: unknown, label: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${label}: expected a JSON array of breaches`);
  return value;
}

/** Run a normaliser on one source item, recording its repairs. */
function normalised(raw: unknown, normalise: (raw: object) => Normalised, report: BuildReport): Normalised {
  const result: Normalised =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? normalise(raw)
      : { ok: false, id: '(not an object)', reason: `expected an object, got ${JSON.stringify(raw)}`, repairs: [] };
  if (result.repairs.length) report.repaired.push(`${result.ok ? result.record.id : result.id}: ${result.repairs.join('; ')}`);
  return result;
}

function newestDate(breaches: BreachRecord[]): string {
  let newest: string | undefined;
  for (const b of breaches) {
    for (const date of [b.addedDate, b.modifiedDate]) if (newest === undefined || Date.parse(date) > Date.parse(newest)) newest = date;
  }
  if (newest === undefined) throw new Error('no breaches to date the feed by: pass a generated time');
  return newest;
}
