/**
 * Benchmark 3, feed ingest: verify the Ed25519 signature, decode and parse the JSON, validate it
 * (zod), hash it, and store it in IndexedDB in one transaction (which builds the by-domain
 * index), for the real feed and for 10x and 100x synthetic feeds (the real records copied with
 * new ids and domains, signed with a throwaway key), to show how the cost grows. In Node with
 * fake-indexeddb, and in Chromium with the real IndexedDB and WebCrypto. The baseline in the same
 * run is JSON.parse of the same bytes (no ingest can be faster than reading the JSON).
 *
 *   npm run bench:ingest [-- --quick] [-- --no-browser]
 *
 * These are the steps of a sync (utils/feed/sync.ts) minus the download; the first start
 * (utils/feed/bundled.ts) skips the signature. The product builds no in-memory index: the
 * "(Map)" column is a candidate index's build time, not part of the total.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeDb, DB_NAME, replaceFeed } from '../utils/db/feed-store';
import { FEED_KEYS, type FeedKey } from '../utils/feed/keys';
import { FeedDocument } from '../utils/feed/schema';
import { feedDigest, verifyFeedSignature } from '../utils/feed/signature';
import { MAX_FEED_BYTES, syncFeed } from '../utils/feed/sync';
import { benchArgs } from './lib/args';
import { chromiumPath } from './lib/chromium';
import { machineInfo, ROOT } from './lib/machine';
import { openBenchPage } from './lib/page';
import { report, type Row } from './lib/report';
import { median, round } from './lib/stats';
import { scaledFeed, signWithThrowawayKey } from './lib/synthetic';

const args = benchArgs();
const SCALES = args.quick ? [1, 10] : [1, 10, 100];
const RUNS: Record<number, number> = args.quick ? { 1: 3, 10: 1 } : { 1: 10, 10: 3, 100: 1 };

const feedBytes = new Uint8Array(readFileSync(join(ROOT, 'public', 'feed', 'feed.json')));
const feedSig = readFileSync(join(ROOT, 'public', 'feed', 'feed.json.sig'), 'utf8');
const feed = FeedDocument.parse(JSON.parse(new TextDecoder().decode(feedBytes)));

interface Input {
  scale: number;
  bytes: Uint8Array<ArrayBuffer>;
  signature: string;
  keys: FeedKey[];
  records: number;
}

function input(scale: number): Input {
  if (scale === 1) return { scale, bytes: feedBytes, signature: feedSig, keys: [...FEED_KEYS], records: feed.breaches.length };
  const doc = scaledFeed(feed, scale);
  const signed = signWithThrowawayKey(doc);
  return { scale, bytes: signed.bytes, signature: signed.signature, keys: [signed.key], records: doc.breaches.length };
}

interface Steps {
  verifyMs: number;
  parseMs: number;
  validateMs: number;
  digestMs: number;
  storeMs: number;
  totalMs: number;
  mapMs?: number;
}

async function freshDb(): Promise<void> {
  await closeDb();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
}

/** The sync path's steps, timed one by one, into a fresh fake-indexeddb database. */
async function ingestNode(inp: Input): Promise<Steps> {
  await freshDb();
  let t = performance.now();
  const start = t;
  const step = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const problem = await verifyFeedSignature(inp.bytes, inp.signature, inp.keys);
  if (problem) throw new Error(`signature: ${problem.detail}`);
  const verifyMs = step();
  const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inp.bytes));
  const parseMs = step();
  const parsed = FeedDocument.safeParse(json);
  if (!parsed.success) throw new Error(`schema: ${parsed.error.issues[0]?.path.join('.')}`);
  const validateMs = step();
  const digest = await feedDigest(inp.bytes);
  const digestMs = step();
  await replaceFeed(parsed.data, { etag: null, origin: 'sync', checkedAt: 0, changedAt: 0, digest, url: null });
  const storeMs = step();
  const totalMs = performance.now() - start;
  const m = performance.now();
  const map = new Map<string, string[]>();
  for (const b of parsed.data.breaches) for (const d of b.domains) map.set(d, [...(map.get(d) ?? []), b.id]);
  return { verifyMs, parseMs, validateMs, digestMs, storeMs, totalMs, mapMs: performance.now() - m };
}

/** JSON.parse alone (the baseline), median of `runs`. */
function parseOnly(inp: Input, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    JSON.parse(new TextDecoder().decode(inp.bytes));
    times.push(performance.now() - t);
  }
  return median(times);
}

function medians(list: Steps[]): Steps {
  const m = (k: keyof Steps) => median(list.map((s) => s[k] ?? 0));
  return { verifyMs: m('verifyMs'), parseMs: m('parseMs'), validateMs: m('validateMs'), digestMs: m('digestMs'), storeMs: m('storeMs'), totalMs: m('totalMs'), mapMs: m('mapMs') };
}

function stepRow(where: string, inp: Input, runs: number, s: Steps, parseBaseline: number, oneX: Steps | undefined): Row {
  return {
    where,
    feed: inp.scale === 1 ? 'real' : `${inp.scale}x synthetic`,
    records: inp.records,
    MB: round(inp.bytes.byteLength / 1e6, 2),
    runs,
    'verify ms': round(s.verifyMs, 1),
    'parse ms': round(s.parseMs, 1),
    'validate ms': round(s.validateMs, 1),
    'digest ms': round(s.digestMs, 1),
    'store ms': round(s.storeMs, 1),
    'total ms': round(s.totalMs, 1),
    'µs/record': round((s.totalMs * 1000) / inp.records, 1),
    'total / JSON.parse': round(s.totalMs / parseBaseline, 1),
    'growth vs real': oneX ? `${round(s.totalMs / oneX.totalMs, 1)}x for ${inp.scale}x` : null,
    '(Map) ms': s.mapMs === undefined ? null : round(s.mapMs, 2),
  };
}

const inputs = SCALES.map(input);
const rows: Row[] = [];
const nodeMedians = new Map<number, Steps>();
for (const inp of inputs) {
  const runs = RUNS[inp.scale]!;
  await ingestNode(inp); // warm-up (JIT, module init)
  const list: Steps[] = [];
  for (let i = 0; i < runs; i++) list.push(await ingestNode(inp));
  const s = medians(list);
  nodeMedians.set(inp.scale, s);
  rows.push(stepRow('Node, fake-indexeddb', inp, runs, s, parseOnly(inp, Math.max(3, runs)), inp.scale === 1 ? undefined : nodeMedians.get(1)));
}
await freshDb();

// The product's sync end to end on the real feed (fake fetch; the download is instant here).
const syncTimes: number[] = [];
for (let i = 0; i < (args.quick ? 3 : 10); i++) {
  await freshDb();
  const t = performance.now();
  const result = await syncFeed({
    url: 'https://feed.example/v1/feed.json',
    keys: FEED_KEYS,
    now: () => 0,
    fetch: async (url) => new Response(String(url).endsWith('.sig') ? feedSig : feedBytes, { status: 200 }),
  });
  syncTimes.push(performance.now() - t);
  if (result.outcome !== 'updated') throw new Error(`syncFeed: ${JSON.stringify(result)}`);
}
await freshDb();

const browserRows: Row[] = [];
let chromium: string | null = null;
if (!args.noBrowser) {
  chromium = chromiumPath();
  const bp = await openBenchPage();
  const chromeMedians = new Map<number, Steps>();
  try {
    for (const inp of inputs) {
      bp.server.set(`/feed-${inp.scale}.json`, { type: 'application/json', body: inp.bytes });
      bp.server.set(`/feed-${inp.scale}.json.sig`, { type: 'application/json', body: inp.signature });
      const runs = RUNS[inp.scale]!;
      const go = () => bp.page.evaluate((s, k) => window.bench.ingest(`/feed-${s}.json`, `/feed-${s}.json.sig`, k), inp.scale, inp.keys);
      await go(); // warm-up
      const list = [];
      for (let i = 0; i < runs; i++) list.push(await go());
      const s = medians(list);
      chromeMedians.set(inp.scale, s);
      const parseBaseline = await bp.page.evaluate(async (s2, n) => {
        const bytes = new Uint8Array(await (await fetch(`/feed-${s2}.json`)).arrayBuffer());
        const t: number[] = [];
        for (let i = 0; i < n; i++) {
          const a = performance.now();
          JSON.parse(new TextDecoder().decode(bytes));
          t.push(performance.now() - a);
        }
        return t.sort((a, b) => a - b)[Math.floor((t.length - 1) / 2)]!;
      }, inp.scale, Math.max(3, runs));
      browserRows.push({
        ...stepRow('Chromium, IndexedDB', inp, runs, { ...s, mapMs: undefined }, parseBaseline, inp.scale === 1 ? undefined : chromeMedians.get(1)),
        'download ms': round(median(list.map((x) => x.fetchMs)), 1),
        'origin storage MB': round((list.at(-1)!.usageBytes ?? NaN) / 1e6, 2),
      });
    }
  } finally {
    await bp.close();
  }
}

const notes: string[] = [];
const real = [...rows, ...browserRows].filter((r) => r.feed === 'real');
for (const r of real) notes.push(`${r.where}: real feed ingest ${r['total ms']} ms (goal: about 100 ms), ${r['total / JSON.parse']}x JSON.parse`);
for (const r of [...rows, ...browserRows].filter((x) => x['growth vs real'])) notes.push(`${r.where}: ${r['growth vs real']} records (linear would be ${String(r.feed).split('x')[0]}x)`);
notes.push(
  `syncFeed end to end (real feed, fake fetch, fresh fake-indexeddb): median ${round(median(syncTimes), 1)} ms`,
  `sync refuses feeds over ${MAX_FEED_BYTES / 2 ** 20} MiB (utils/feed/sync.ts MAX_FEED_BYTES): the 10x and 100x feeds measure growth only; the product would not download them`,
);

report(
  {
    name: 'ingest',
    command: 'npm run bench:ingest',
    machine: machineInfo(chromium),
    params: { scales: SCALES, runs: RUNS, synthetic: 'real records copied with ids "<id>.s<k>" and domains "s<k>-<domain>", signed with a throwaway Ed25519 key' },
    tables: [
      { title: 'Ingest steps, median per run (fresh database each run; baseline = JSON.parse of the same bytes)', rows: [...rows, ...browserRows] },
      { title: 'Product sync path end to end (utils/feed/sync.ts syncFeed, real feed)', rows: [{ where: 'Node, fake-indexeddb', runs: syncTimes.length, 'median ms': round(median(syncTimes), 1) }] },
    ],
    notes,
  },
  { write: !args.noWrite },
);
