/**
 * Signed feeds and a scripted `fetch` for sync tests. Keys are made per test run (node:crypto);
 * responses are real `Response`s over streams we control, so chunking, early ends, stalls and
 * aborts behave as they do over the network.
 */
import { generateKeyPairSync } from 'node:crypto';
import { FEED_FORMAT, type BreachRecord, type FeedDocument } from '@/utils/feed/schema';
import type { FeedKey } from '@/utils/feed/keys';
import { serialiseFeed } from '@/utils/feed/build';
import { loadSigningKey, publicKeyBase64, signFeed } from '../../scripts/lib/sign';

export interface TestKey {
  key: FeedKey;
  pem: string;
  sign(bytes: string | Uint8Array): string;
}

export function makeKey(id = 'test-key'): TestKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const loaded = loadSigningKey(pem);
  return { key: { id, publicKey: publicKeyBase64(loaded) }, pem, sign: (bytes) => signFeed(bytes, loaded, id) };
}

export function feedDoc(sequence: number, breaches: BreachRecord[]): FeedDocument {
  return {
    format: FEED_FORMAT,
    sequence,
    generated: '2026-11-29T00:00:00Z',
    attributions: [{ name: 'Have I Been Pwned', url: 'https://haveibeenpwned.com/', licence: 'CC BY 4.0' }],
    breaches,
  };
}

/** A published feed: its exact bytes and signature file text. */
export interface Published {
  body: Uint8Array;
  sig: string;
}

export function publish(doc: FeedDocument | string, key: TestKey): Published {
  const text = typeof doc === 'string' ? doc : serialiseFeed(doc);
  return { body: new TextEncoder().encode(text), sig: key.sign(text) };
}

/** How to answer one request. */
export type Reply =
  | { kind: 'ok'; body: Uint8Array | string; etag?: string; contentLength?: number | 'omit'; chunk?: number }
  | { kind: 'status'; status: number }
  | { kind: 'not-modified' }
  | { kind: 'network-error' }
  /** Send the headers (with the full Content-Length) and `bytes` of the body, then break the connection. */
  | { kind: 'break-after'; body: Uint8Array; bytes: number }
  /** Send the headers and `bytes` of the body, then send nothing more (until aborted). */
  | { kind: 'stall-after'; body: Uint8Array; bytes: number }
  /** Never answer (until aborted). */
  | { kind: 'hang' }
  /** Stream zeros forever, without Content-Length. */
  | { kind: 'endless' };

export interface FetchLog {
  url: string;
  ifNoneMatch: string | null;
  cache: RequestCache | undefined;
}

/**
 * A `fetch` that answers `<url>` and `<url>.sig` from `routes` (a function, so a test can
 * change answers between syncs). Unknown URLs get a 404.
 */
export function scriptedFetch(routes: (url: string, ifNoneMatch: string | null) => Reply | undefined) {
  const log: FetchLog[] = [];
  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const headers = new Headers(init.headers);
    log.push({ url, ifNoneMatch: headers.get('if-none-match'), cache: init.cache });
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const reply = routes(url, headers.get('if-none-match')) ?? { kind: 'status', status: 404 };
    switch (reply.kind) {
      case 'status':
        return new Response(`error ${reply.status}`, { status: reply.status });
      case 'not-modified':
        return new Response(null, { status: 304 });
      case 'network-error':
        throw new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') });
      case 'hang':
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
      case 'ok': {
        const body = typeof reply.body === 'string' ? new TextEncoder().encode(reply.body) : reply.body;
        const h = new Headers({ 'content-type': 'application/json' });
        if (reply.etag) h.set('etag', reply.etag);
        if (reply.contentLength !== 'omit') h.set('content-length', String(reply.contentLength ?? body.byteLength));
        return new Response(chunked(body, reply.chunk ?? 64 * 1024, signal), { status: 200, headers: h });
      }
      case 'break-after':
      case 'stall-after': {
        const h = new Headers({ 'content-length': String(reply.body.byteLength) });
        const part = reply.body.subarray(0, reply.bytes);
        let sent = false;
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            signal?.addEventListener('abort', () => controller.error(signal.reason));
          },
          pull(controller) {
            if (!sent) {
              sent = true;
              controller.enqueue(part);
            } else if (reply.kind === 'break-after') {
              controller.error(new TypeError('terminated', { cause: new Error('other side closed') }));
            } else {
              return new Promise<void>(() => undefined); // stall until aborted
            }
          },
        });
        return new Response(stream, { status: 200, headers: h });
      }
      case 'endless': {
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(new Uint8Array(65536));
          },
        });
        return new Response(stream, { status: 200 });
      }
    }
  };
  return { fetch: fetchFn as typeof fetch, log };
}

function chunked(body: Uint8Array, size: number, signal?: AbortSignal): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => controller.error(signal.reason));
    },
    pull(controller) {
      if (offset >= body.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(body.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** Routes serving one published feed at `url` (and its signature), with its ETag and 304s when it matches. */
export function serving(url: string, get: () => { published: Published; etag?: string; reply?: Reply; sigReply?: Reply }) {
  return (requested: string, ifNoneMatch: string | null): Reply | undefined => {
    const current = get();
    if (requested === `${url}.sig`) return current.sigReply ?? { kind: 'ok', body: current.published.sig };
    if (requested !== url) return undefined;
    if (current.reply) return current.reply;
    if (current.etag && ifNoneMatch === current.etag) return { kind: 'not-modified' };
    return { kind: 'ok', body: current.published.body, etag: current.etag };
    return undefined;
  };
}
