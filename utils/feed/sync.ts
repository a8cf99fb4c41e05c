/**
 * One feed sync (DESIGN.md, "The breach feed"; the DuckDuckGo ResourceLoader / uBlock updater
 * model): a conditional GET with the stored ETag, a timeout, a size cap enforced while the body
 * streams in, the detached signature, the schema, rollback protection, then one atomic IndexedDB
 * swap. Nothing is written unless every check passed; on any failure the stored feed stays.
 *
 * Order of checks: the signature is verified over the exact bytes BEFORE they are parsed, so an
 * unsigned or tampered download is refused as `bad-signature` whatever it contains, and only
 * bytes we signed ever reach JSON.parse and zod (`invalid-schema` then means our own builder
 * produced a feed this version cannot read).
 *
 * The signature lives next to the feed: `<feed URL path>.sig` (utils/feed/signature.ts).
 */
import { allBreaches, getFeedMeta, replaceFeed, touchFeedMeta, type FeedMeta } from '@/utils/db/feed-store';
import { diffBreaches, type FeedDiff } from './diff';
import type { FeedKey } from './keys';
import { FeedDocument, type BreachRecord } from './schema';
import { feedDigest, verifyFeedSignature } from './signature';
import { storageProblemOf } from '@/utils/db/storage-error';
import { plainTextFeed } from './plain-text';

/** Why a sync failed. Shown in options (message `feedCause_<cause>`) and stored with the detail. */
export type SyncCause =
  | 'network'
  | 'timeout'
  | 'http-status'
  | 'too-large'
  | 'truncated'
  | 'bad-signature'
  | 'invalid-schema'
  | 'rollback'
  | 'storage'
  /** The browser refused the write for lack of space (quota): the user can free some. */
  | 'storage-full';

export interface SyncFailure {
  cause: SyncCause;
  /** English, for logs and the options page's detail line (e.g. "HTTP 500", "breaches.3.domains.0: ..."). */
  detail: string;
  /** HTTP status, for `http-status`. */
  status?: number;
  /** First bad path (dot-separated, e.g. `breaches.3.domains.0`), for `invalid-schema`. */
  path?: string;
}

export type SyncResult =
  /** HTTP 304: only the check time was written. */
  | { outcome: 'not-modified' }
  /** The server sent the feed already stored (same sequence, same bytes): ETag and check time written. */
  | { outcome: 'unchanged' }
  | {
      outcome: 'updated';
      from: number | null;
      to: number;
      diff: FeedDiff;
      /** The new feed's records that were added or updated (what a notification may be about). */
      changed: BreachRecord[];
      bytes: number;
    }
  | { outcome: 'failed'; failure: SyncFailure };

export interface SyncOptions {
  /** The feed's URL (https; http only in the test build). */
  url: string;
  /** Accepted signing keys (ACCEPTED_FEED_KEYS). */
  keys: readonly FeedKey[];
  /** Epoch ms. */
  now: () => number;
  fetch?: typeof fetch;
  /** Budget for the whole sync (both downloads), ms. */
  timeoutMs?: number;
  /** Largest feed accepted, bytes. The feed is about 1.1 MB (2026-11). */
  maxBytes?: number;
}

export const SYNC_TIMEOUT_MS = 30_000;
export const MAX_FEED_BYTES = 4 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 4 * 1024;

class SyncError extends Error {
  constructor(readonly failure: SyncFailure) {
    super(failure.detail);
  }
}

const fail = (cause: SyncCause, detail: string, extra: Partial<SyncFailure> = {}): never => {
  throw new SyncError({ cause, detail, ...extra });
};

/** The signature's URL: the feed URL with `.sig` appended to its path (query kept). */
export function signatureUrl(feedUrl: string): string {
  const url = new URL(feedUrl);
  url.pathname += '.sig';
  return url.href;
}

/**
 * Run one sync against `options.url`. Never throws for a failed check: the result says why.
 * @throws only for programming errors (a bad URL).
 */
export async function syncFeed(options: SyncOptions): Promise<SyncResult> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? SYNC_TIMEOUT_MS);
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  try {
    const meta = await getFeedMeta();
    // An ETag is only meaningful to the server that issued it.
    const etag = meta?.etag && meta.url === options.url ? meta.etag : null;
    const response = await request(doFetch, options.url, signal, etag);
    if (response.status === 304) {
      if (!etag) fail('http-status', 'HTTP 304 to a request without If-None-Match', { status: 304 });
      await touchFeedMeta(options.now());
      return { outcome: 'not-modified' };
    }
    if (!response.ok) fail('http-status', `HTTP ${response.status}`, { status: response.status });
    const bytes = await readCapped(response, maxBytes, 'feed');

    const sigResponse = await request(doFetch, signatureUrl(options.url), signal, null);
    if (!sigResponse.ok) fail('http-status', `HTTP ${sigResponse.status} for the signature`, { status: sigResponse.status });
    const sigBytes = await readCapped(sigResponse, MAX_SIGNATURE_BYTES, 'signature');
    const problem = await verifyFeedSignature(bytes, new TextDecoder().decode(sigBytes), options.keys);
    if (problem) fail('bad-signature', `${problem.problem}: ${problem.detail}`);

    // Shown as plain text everywhere: no bidirectional controls from here on.
    const document = plainTextFeed(parseFeed(bytes));
    const digest = await feedDigest(bytes);
    if (meta) checkSequence(document.sequence, digest, meta);
    if (meta && document.sequence === meta.sequence) {
      // Same signed feed as stored (e.g. the bundled copy): learn the ETag, nothing else changes.
      await touchFeedMeta(options.now(), { etag: response.headers.get('etag'), url: options.url });
      return { outcome: 'unchanged' };
    }

    const before = await allBreaches();
    const diff = diffBreaches(before, document.breaches);
    const at = options.now();
    let swapped: boolean;
    try {
      swapped = await replaceFeed(
        document,
        { etag: response.headers.get('etag'), origin: 'sync', checkedAt: at, changedAt: at, digest, url: options.url },
        { onlyIfNewer: true },
      );
    } catch (error) {
      return { outcome: 'failed', failure: storageFailure(error) };
    }
    // Another context stored a feed at least as new while this one downloaded.
    if (!swapped) fail('rollback', `sequence ${document.sequence} is no longer newer than the stored feed`);
    const wanted = new Set([...diff.added, ...diff.updated]);
    return {
      outcome: 'updated',
      from: meta?.sequence ?? null,
      to: document.sequence,
      diff,
      changed: document.breaches.filter((b) => wanted.has(b.id)),
      bytes: bytes.byteLength,
    };
  } catch (error) {
    if (error instanceof SyncError) return { outcome: 'failed', failure: error.failure };
    // Recording a check (a 304, the same feed again) can meet a full disk too.
    if (storageProblemOf(error)) return { outcome: 'failed', failure: storageFailure(error) };
    if (isTimeout(error, signal)) return { outcome: 'failed', failure: { cause: 'timeout', detail: `no complete answer within ${options.timeoutMs ?? SYNC_TIMEOUT_MS} ms` } };
    return { outcome: 'failed', failure: { cause: 'network', detail: describe(error) } };
  }
}

async function request(doFetch: typeof fetch, url: string, signal: AbortSignal, etag: string | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (etag) headers['If-None-Match'] = etag;
  // no-store: we do our own conditional request; the HTTP cache must not answer for the server.
  return doFetch(url, { signal, headers, cache: 'no-store', credentials: 'omit', redirect: 'follow' });
}

/**
 * Read a response body, refusing it as soon as it passes `cap` bytes (a declared
 * Content-Length over the cap is refused before reading). A body that ends or breaks before
 * its declared length is `truncated`.
 */
export async function readCapped(response: Response, cap: number, what: 'feed' | 'signature'): Promise<Uint8Array<ArrayBuffer>> {
  const declaredHeader = response.headers.get('content-length');
  const declared = declaredHeader !== null && /^\d+$/.test(declaredHeader) ? Number(declaredHeader) : null;
  // With a content coding the header counts compressed bytes; the stream gives decoded ones.
  const encoded = !!response.headers.get('content-encoding') && response.headers.get('content-encoding') !== 'identity';
  if (declared !== null && declared > cap && !encoded) fail('too-large', `${what} declares ${declared} bytes, over the ${cap}-byte cap`);
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        void reader.cancel().catch(() => undefined);
        fail('too-large', `${what} passed the ${cap}-byte cap while downloading`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof SyncError) throw error;
    if (declared !== null && !encoded && total < declared && !isTimeoutError(error)) {
      fail('truncated', `${what} broke off after ${total} of ${declared} bytes (${describe(error)})`);
    }
    throw error;
  }
  if (declared !== null && !encoded && total < declared) fail('truncated', `${what} ended after ${total} of ${declared} bytes`);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Decode, parse and validate signed bytes; `invalid-schema` names the first bad path. */
function parseFeed(bytes: Uint8Array<ArrayBuffer>): FeedDocument {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    fail('invalid-schema', `(json): ${describe(error)}`, { path: '(json)' });
  }
  const parsed = FeedDocument.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') || '(root)';
    fail('invalid-schema', `${path}: ${issue?.message}`, { path });
  }
  return parsed.data!;
}

/** Sequence must grow; the same sequence is fine only for the very same bytes. */
function checkSequence(sequence: number, digest: string, meta: FeedMeta): void {
  if (sequence < meta.sequence) fail('rollback', `sequence ${sequence} is older than the stored ${meta.sequence}`);
  if (sequence === meta.sequence && digest !== meta.digest) {
    fail('rollback', `sequence ${sequence} equals the stored one but the content differs`);
  }
}

function isTimeoutError(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function isTimeout(error: unknown, signal: AbortSignal): boolean {
  return isTimeoutError(error) || (signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError');
}

/** A refused write of the feed, as a failure: `storage-full` when the browser ran out of space. */
export function storageFailure(error: unknown): SyncFailure {
  const inner = (error as { cause?: unknown }).cause ?? error;
  const what = inner instanceof Error ? `${inner.name}: ${inner.message}` : String(inner);
  return { cause: storageProblemOf(error) === 'full' ? 'storage-full' : 'storage', detail: `could not store the feed: ${what}` };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
