/**
 * Hostile feeds (issue 7): property tests that push over ten thousand generated feeds, mostly
 * mutations of a small valid signed feed, through the real ingest path: the background's sync
 * service (utils/background/sync-service.ts) with a fake network, syncFeed, WebCrypto, zod and
 * the IndexedDB swap. Before every case a previous valid feed and the user's data are stored.
 *
 * After every case, one of:
 * - refused: the failure names a known cause the options page has a message for (and, for a
 *   bad document, a path that really is wrong), the sync state records it, and the stored feed
 *   and the user's data are byte-for-byte what they were;
 * - accepted: only when an independent oracle (test/helpers/feed-oracle.ts) says the feed is
 *   valid, signed and newer; then the whole new feed is stored, and the user's data is still
 *   untouched.
 * Nothing throws out of the sync, and nothing is logged as an error.
 *
 * Seeds are fixed, so a failure reproduces; fast-check prints the seed, the path and the case.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createServices } from '@/utils/background/services';
import { causeMessageKey } from '@/components/feed-sync-panel';
import { allBreaches, closeDb, countBreaches, db, getFeedMeta, replaceFeed, type FeedMeta } from '@/utils/db/feed-store';
import { DEFAULT_FEED_URL, feedSyncState, SYNC_CAUSES } from '@/utils/feed/sync-state';
import { MAX_FEED_BYTES, MAX_SIGNATURE_BYTES, type SyncResult } from '@/utils/feed/sync';
import { addSite, noteWarned, setDetail } from '@/utils/profile/store';
import { closeUserDb, userDb, USER_DB_NAME } from '@/utils/profile/user-db';
import { setStepDone } from '@/utils/checklist/store';
import { alertSettings, dismiss } from '@/utils/settings/items';
import { NOW } from '../helpers/breach';
import { testBrowser } from '../helpers/fake-apis';
import { scriptedFetch, type Reply } from '../helpers/feed-fetch';
import { oracleFeed, oracleSignature, type OracleFeed } from '../helpers/feed-oracle';
import {
  BASE,
  bigCases,
  CLASSES,
  documentCases,
  KEY,
  PREVIOUS,
  PREVIOUS_TEXT,
  printable,
  realSizeCases,
  wireCases,
  type FuzzCase,
  type MutationClass,
  type Served,
} from '../helpers/feed-mutations';

/** Runs per property scale with FEED_FUZZ_SCALE (default 1: 10,250 feeds), e.g. 10 for a long local run. */
const SCALE = Number(process.env.FEED_FUZZ_SCALE ?? 1);
/** The fuzzed service's size cap: small, so oversized feeds are cheap to make. */
const CAP = 1024 * 1024;
const HOUR = 3_600_000;
const catalog = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('base64');

// ---------------------------------------------------------------------------------------------
// The service under test, with a server that answers with the current case's bytes

let served: Served;
let etagCount = 0;
const { fetch } = scriptedFetch((url): Reply | undefined => {
  if (url === `${DEFAULT_FEED_URL}.sig`) return { kind: 'ok', body: served.sig };
  if (url !== DEFAULT_FEED_URL) return undefined;
  const t = served.transport;
  if (t?.kind === 'short') return { kind: 'ok', body: served.body.slice(0, t.at), contentLength: served.body.byteLength };
  if (t?.kind === 'break') return { kind: 'break-after', body: served.body, bytes: t.at };
  return { kind: 'ok', body: served.body, etag: `"e${++etagCount}"` };
});

const env = testBrowser({ granted: ['*://coupang.com/*', '*://*.coupang.com/*'] });
const services = createServices({ browser: env.browser, now: () => NOW, syncOptions: { fetch, keys: [KEY.key], random: () => 0.5, maxBytes: CAP } });
/** The same background with the production size cap, for real-size feeds. */
const production = createServices({ browser: env.browser, now: () => NOW, syncOptions: { fetch, keys: [KEY.key], random: () => 0.5 } });
interface Target {
  sync: typeof services.sync;
  cap: number;
}
const FUZZ: Target = { sync: services.sync, cap: CAP };
const PRODUCTION: Target = { sync: production.sync, cap: MAX_FEED_BYTES };

const PREVIOUS_META: Omit<FeedMeta, 'sequence' | 'generated'> = {
  etag: '"v5"',
  origin: 'sync',
  checkedAt: NOW - HOUR,
  changedAt: NOW - 48 * HOUR,
  digest: sha256(PREVIOUS_TEXT),
  url: DEFAULT_FEED_URL,
};

const storeBaseline = () => replaceFeed(PREVIOUS, PREVIOUS_META);

/** The stored feed, as read back from IndexedDB (one transaction). */
async function feedState(): Promise<unknown> {
  const tx = (await db()).transaction(['meta', 'breaches']);
  const [meta, breaches] = await Promise.all([tx.objectStore('meta').get('feed'), tx.objectStore('breaches').getAll()]);
  return { meta, breaches };
}

/** The user's data: the user database and every storage.local key but the sync's own status. */
async function userState(): Promise<unknown> {
  const tx = (await userDb()).transaction(['profile', 'checklist', 'warned']);
  const [profile, checklist, warned] = await Promise.all([tx.objectStore('profile').getAll(), tx.objectStore('checklist').getAll(), tx.objectStore('warned').getAll()]);
  const local = await fakeBrowser.storage.local.get(null);
  for (const key of Object.keys(local)) if (key.startsWith('feed-sync')) delete local[key];
  return { profile, checklist, warned, local };
}

// ---------------------------------------------------------------------------------------------
// What the oracle expects

type Expected =
  | { outcome: 'failed'; cause: 'too-large' | 'truncated' | 'bad-signature' | 'rollback' }
  | { outcome: 'failed'; cause: 'invalid-schema'; problems: string[] }
  | { outcome: 'unchanged' }
  | { outcome: 'updated'; feed: OracleFeed };

function expected(s: Served, cap: number): Expected {
  if (s.body.byteLength > cap) return { outcome: 'failed', cause: 'too-large' };
  if (s.transport) return { outcome: 'failed', cause: 'truncated' };
  if (s.sig.byteLength > MAX_SIGNATURE_BYTES) return { outcome: 'failed', cause: 'too-large' };
  if (!oracleSignature(s.body, s.sig, [KEY.key])) return { outcome: 'failed', cause: 'bad-signature' };
  const verdict = oracleFeed(s.body);
  if (!verdict.ok) return { outcome: 'failed', cause: 'invalid-schema', problems: verdict.problems };
  if (verdict.feed.sequence < PREVIOUS.sequence) return { outcome: 'failed', cause: 'rollback' };
  if (verdict.feed.sequence === PREVIOUS.sequence) return sha256(s.body) === PREVIOUS_META.digest ? { outcome: 'unchanged' } : { outcome: 'failed', cause: 'rollback' };
  return { outcome: 'updated', feed: verdict.feed };
}

// ---------------------------------------------------------------------------------------------
// One case

const tally = new Map<MutationClass, { runs: number; accepted: number; causes: Record<string, number> }>();
let runs = 0;
let dirty = false;
let userBefore: unknown;
let feedBefore: unknown;
const errors = vi.spyOn(console, 'error');

async function runCase(c: FuzzCase, target: Target = FUZZ): Promise<void> {
  // A failed run (or its shrinking) may have left a newer feed behind.
  await restoreIfDirty();
  served = c.make();
  const want = expected(served, target.cap);
  dirty = true;
  let result: SyncResult;
  try {
    result = await target.sync.syncNow();
  } catch (error) {
    throw new Error(`the sync threw instead of answering: ${(error as Error).stack}`);
  }
  runs++;
  const t = tally.get(c.cls) ?? { runs: 0, accepted: 0, causes: {} };
  tally.set(c.cls, t);
  t.runs++;

  expect(errors, 'nothing is logged as an error').not.toHaveBeenCalled();
  expect(result.outcome, `outcome (expected ${JSON.stringify(want).slice(0, 300)})`).toBe(want.outcome);
  if (result.outcome === 'failed' && want.outcome === 'failed') {
    const { failure } = result;
    t.causes[failure.cause] = (t.causes[failure.cause] ?? 0) + 1;
    expect(failure.cause, failure.detail).toBe(want.cause);
    // A reason the options page can show: a known cause with a message, and a short detail.
    expect(SYNC_CAUSES).toContain(failure.cause);
    expect(catalog[causeMessageKey(failure.cause)]?.message).toBeTruthy();
    expect(failure.detail.length).toBeGreaterThan(0);
    expect(failure.detail.length).toBeLessThan(500);
    if (want.cause === 'invalid-schema') {
      // The named path really is wrong (the oracle lists every wrong path).
      expect(want.problems, failure.detail).toContain(failure.path);
      expect(failure.detail.startsWith(`${failure.path}: `)).toBe(true);
    }
    if (want.cause === 'bad-signature') expect(failure.detail).toMatch(/^(malformed|unknown-key|mismatch): /);
    expect((await feedSyncState.getValue()).lastError).toMatchObject({ cause: failure.cause, detail: failure.detail, at: NOW });
    // Refused: the previous feed is exactly as it was.
    // Strict: same keys, same values (0 is not -0), same types and prototypes.
    const feedAfter = await feedState();
    if (!isDeepStrictEqual(feedAfter, feedBefore)) expect(feedAfter, 'the stored feed changed after a refused sync').toStrictEqual(feedBefore);
    dirty = false;
  } else if (result.outcome === 'unchanged') {
    t.accepted++;
    const meta = await getFeedMeta();
    expect(meta).toEqual({ ...PREVIOUS_META, sequence: PREVIOUS.sequence, generated: PREVIOUS.generated, checkedAt: NOW, etag: meta?.etag });
    expect(await allBreaches()).toEqual(PREVIOUS.breaches);
  } else if (result.outcome === 'updated' && want.outcome === 'updated') {
    t.accepted++;
    // Accepted: the whole new feed is stored, nothing of the old one remains.
    expect(result).toMatchObject({ from: PREVIOUS.sequence, to: want.feed.sequence, bytes: served.body.byteLength });
    expect(await getFeedMeta()).toMatchObject({ sequence: want.feed.sequence, generated: want.feed.generated, digest: sha256(served.body), origin: 'sync', checkedAt: NOW, changedAt: NOW });
    const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a.id) < String(b.id) ? -1 : 1);
    expect((await allBreaches()).sort(byId)).toEqual(want.feed.breaches.sort(byId));
  }
  // Whatever the feed, the user's data is exactly as it was.
  const userAfter = await userState();
  if (!isDeepStrictEqual(userAfter, userBefore)) expect(userAfter, 'the user data changed').toStrictEqual(userBefore);
}

async function restoreIfDirty(): Promise<void> {
  if (!dirty) return;
  await storeBaseline();
  dirty = false;
}

function check(arbitrary: fc.Arbitrary<FuzzCase>, numRuns: number, seed: number, target: Target = FUZZ): Promise<void> {
  // Stop before the test's own timeout: a property left running would share the fake server with the next one.
  return fc.assert(fc.asyncProperty(arbitrary.map(printable), (c) => runCase(c, target)).afterEach(restoreIfDirty), {
    numRuns,
    seed,
    interruptAfterTimeLimit: 100_000,
    markInterruptAsFailure: true,
  });
}

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  fakeBrowser.reset();
  await closeDb();
  indexedDB.deleteDatabase('exposure-watch');
  await closeUserDb();
  indexedDB.deleteDatabase(USER_DB_NAME);
  await storeBaseline();
  // The user's data: a profile, checklist ticks, a warned site, a dismissal, settings.
  await addSite('coupang.com', NOW - 10 * HOUR);
  await setDetail('coupang.com', 'email', true, NOW - 9 * HOUR);
  await setDetail('coupang.com', 'phone', true, NOW - 9 * HOUR);
  await addSite('adobe.com', NOW - 8 * HOUR);
  await setStepDone('coupang.com', 'Coupang2025', 'password.change-here', true, NOW - 7 * HOUR);
  await setStepDone('coupang.com', 'Coupang2025', 'password.turn-on-2fa', false, NOW - 7 * HOUR);
  await noteWarned('coupang.com', NOW - 6 * HOUR);
  await dismiss('coupang.com', 'Coupang2025');
  await alertSettings.setValue({ enabled: true, ageWindowDays: 36500, alertUnverified: true, alertSensitive: false, mutedSites: ['muted.example.com'] });
  userBefore = await userState();
  feedBefore = await feedState();
});

// Fixed seeds: a failure reproduces with the printed seed and path.
describe('hostile feeds through the real sync: refused clearly, or accepted only when valid', () => {
  it('document mutations: types, bounds, formats, missing and extra fields, domains, duplicate ids', () => check(documentCases, 7000 * SCALE, 0x7e57_0001), 120_000);
  it('huge strings and arrays, deep nesting', () => check(bigCases, 250 * SCALE, 0x7e57_0002), 120_000);
  it('bytes and wire: non-UTF-8, truncation, byte edits, bad signatures, old sequences, valid feeds', () => check(wireCases, 3000 * SCALE, 0x7e57_0003), 120_000);
  it('real size, a few times: the shipped feed re-signed, and broken in one place', async () => {
    const { valid, broken } = realSizeCases(readFileSync('public/feed/feed.json', 'utf8'));
    await runCase(printable(valid), PRODUCTION);
    expect(await countBreaches()).toBeGreaterThan(900);
    await restoreIfDirty();
    await check(broken, 6, 0x7e57_0004, PRODUCTION);
  }, 120_000);
});

describe('hostile feeds that are valid', () => {
  it('"__proto__" and other odd keys are dropped from what is stored, and nothing is polluted', async () => {
    const text = JSON.stringify({ ...BASE, breaches: BASE.breaches.map((b) => ({ ...b, flags: { ...b.flags } })) })
      .replace('{"format":1', '{"__proto__":{"polluted":"root"},"constructor":{"prototype":{"polluted":"ctor"}},"format":1')
      .replace('"id":"Adobe"', '"__proto__":{"polluted":"record"},"id":"Adobe"')
      .replace('"verified":true', '"__proto__":{"verified":false,"polluted":"flags"},"verified":true');
    expect(text.match(/__proto__/g)).toHaveLength(3);
    await runCase(printable({ cls: 'extra', label: '__proto__ keys', make: () => ({ body: new TextEncoder().encode(text), sig: new TextEncoder().encode(KEY.sign(text)) }) }));
    const stored = await allBreaches();
    expect(stored.map((b) => b.id).sort()).toEqual(['Adobe', 'Buecher.de-2024', 'Coupang2025']);
    for (const b of stored) {
      expect(Object.getPrototypeOf(b)).toBe(Object.prototype);
      const known = new Set([...Object.keys(BASE.breaches[0]), 'descriptionKo']);
      expect(Object.keys(b).filter((k) => !known.has(k))).toEqual([]);
      expect(Object.keys(b.flags).sort()).toEqual(Object.keys(BASE.breaches[0].flags).sort());
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await restoreIfDirty();
  });

  it('twenty thousand distinct domains in one record: stored, and the content script reconciled', async () => {
    const domains = Array.from({ length: 20_000 }, (_, i) => `shop${i}.com`);
    const text = JSON.stringify({ ...BASE, breaches: [{ ...BASE.breaches[0], domains: ['coupang.com', ...domains] }] });
    await runCase(printable({ cls: 'huge', label: '20,000 domains', make: () => ({ body: new TextEncoder().encode(text), sig: new TextEncoder().encode(KEY.sign(text)) }) }));
    expect((await allBreaches())[0].domains).toHaveLength(20_001);
    // Registered where the user granted access, among the twenty thousand wanted sites.
    expect([...env.scripting.scripts.values()].map((s) => s.matches)).toEqual([['*://*.coupang.com/*', '*://coupang.com/*']]);
    await restoreIfDirty();
  });
});

it('the mix: over ten thousand feeds, every mutation class, each hostile class refused', () => {
  const lines = [...tally].map(([cls, t]) => `${cls.padEnd(14)} ${String(t.runs).padStart(5)} runs, ${String(t.accepted).padStart(4)} accepted, refused: ${JSON.stringify(t.causes)}`);
  console.log(`hostile feeds: ${runs} cases\n${lines.join('\n')}`);
  // The mix must not be degenerate: at least ten thousand feeds, every class present, and each
  // hostile class refused at least once.
  expect(runs).toBeGreaterThanOrEqual(10_000 * Math.min(1, SCALE));
  for (const cls of CLASSES) {
    const t = tally.get(cls);
    expect(t?.runs, cls).toBeGreaterThan(0);
    if (cls !== 'valid') expect(Object.values(t!.causes).reduce((a, b) => a + b, 0), cls).toBeGreaterThan(0);
    else expect(t!.accepted).toBe(t!.runs);
  }
});
