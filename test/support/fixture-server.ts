/**
 * A loopback HTTP server for fixture sites. Chromium maps real hostnames to it with
 * `--host-resolver-rules`, so pages load as http://www.coupang.com/ without leaving the machine.
 * Each host's pages come from test/fixtures/sites/<host>/ (any path falls back to index.html).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { FEED_HOST, FEED_PATH } from './feed-server';

export const SITES_DIR = join(import.meta.dirname, '..', 'fixtures', 'sites');
const PUBLIC_FEED_DIR = join(import.meta.dirname, '..', '..', 'public', 'feed');
/** No scripts, no styles, nothing from anywhere: the notice must still show, styled. */
export const STRICT_CSP = "default-src 'none'; style-src 'none'; script-src 'none'; img-src 'none'";

export const FIXTURE_HOSTS = ['www.coupang.com', 'www.kurly.com', 'www.lguplus.com', 'www.zacks.com', 'www.lottecard.co.kr'] as const;

export interface FixtureServer {
  port: number;
  /** Chromium flag value mapping every fixture host (and `extra`) to this server. */
  resolverRules(extra?: string[]): string;
  /** Every request seen, as `host path`. */
  requests: string[];
  /** Every request seen, in full: method, host, path with query, headers and body. */
  log: LoggedRequest[];
  close(): Promise<void>;
}

export interface LoggedRequest {
  method: string;
  host: string;
  /** Path and query string, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A page for hosts without fixture files (with `anyHost`): text only, nothing it loads. */
const plainPage = (host: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${host}</title></head><body><h1>${host}</h1><p>A local stand-in page.</p></body></html>`;

/**
 * Start the server on 127.0.0.1 and an ephemeral port.
 * @param opts.anyHost answer hosts without fixture files with a plain page (instead of 404), so
 *   `MAP * 127.0.0.1:port` can stand in for the whole web.
 */
export async function startFixtureServer(opts: { anyHost?: boolean } = {}): Promise<FixtureServer> {
  const requests: string[] = [];
  const log: LoggedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(`${host} ${path}`);
    const entry: LoggedRequest = { method: req.method ?? '', host, url: req.url ?? '', headers: { ...req.headers }, body: '' };
    log.push(entry);
    req.on('data', (chunk: Buffer) => (entry.body += chunk.toString('utf8')));
    if (host === FEED_HOST) void serveBundledFeed(path, req.headers['if-none-match'], res);
    else if (opts.anyHost && /^[a-z0-9.-]+$/.test(host) && !existsSync(join(SITES_DIR, host)) && path !== '/favicon.ico') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(plainPage(host));
    } else void serve(host, path, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    log,
    // The test build's feed host comes last: a suite with its own feed server maps it first, and
    // Chromium uses the first rule that matches. Otherwise its daily sync would go to real DNS.
    resolverRules: (extra = []) =>
      [...FIXTURE_HOSTS, ...extra, FEED_HOST].map((h) => `MAP ${h} 127.0.0.1:${port}`).concat('EXCLUDE 127.0.0.1').join(', '),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The committed feed and its signature, served as a static host would (with an ETag). */
async function serveBundledFeed(path: string, ifNoneMatch: string | undefined, res: ServerResponse): Promise<void> {
  const file = path === FEED_PATH ? 'feed.json' : path === `${FEED_PATH}.sig` ? 'feed.json.sig' : null;
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  const body = await readFile(join(PUBLIC_FEED_DIR, file));
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  if (ifNoneMatch === etag) {
    res.writeHead(304, { etag }).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
}

async function serve(host: string, path: string, res: ServerResponse): Promise<void> {
  if (!/^[a-z0-9.-]+$/.test(host) || path === '/favicon.ico') {
    res.writeHead(404).end();
    return;
  }
  const file = normalize(join(SITES_DIR, host, path.endsWith('.html') ? path : 'index.html'));
  if (!file.startsWith(join(SITES_DIR, host))) {
    res.writeHead(400).end();
    return;
  }
  try {
    const body = await readFile(file);
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
    // Pages named *strict*.html carry the strictest Content-Security-Policy a shop could send.
    if (/strict[^/]*\.html$/.test(path)) headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such fixture page');
  }
}
