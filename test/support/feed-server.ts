/**
 * A loopback feed server for the sync E2E suite. The test build syncs from
 * http://feed.exposure-watch.test/v1/feed.json (wxt.config.ts, mode e2e); Chromium maps that host
 * here with --host-resolver-rules. The test picks what the next request gets (a feed and its
 * signature, a 500, a truncated or endless body, or a stall it releases later) and reads back
 * every request with its status and the bytes written to the socket for it (headers included).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FEED_HOST = 'feed.exposure-watch.test';
export const FEED_PATH = '/v1/feed.json';

export type FeedMode =
  /** Serve the published feed (304 when If-None-Match matches its ETag). */
  | 'normal'
  | 'status-500'
  /** Full Content-Length, half the body, then the connection is cut. */
  | 'truncate'
  /** An endless body without Content-Length (the client must stop reading). */
  | 'too-large'
  /** Headers and half the body, then nothing until `release()`; then the connection is cut. */
  | 'stall'
  /** The whole body, in 16 pieces 25 ms apart (a download that takes about 400 ms). */
  | 'slow';

export interface FeedRequest {
  path: string;
  status: number;
  ifNoneMatch: string | null;
  /** Bytes written to the socket for this response (status line, headers, body). */
  bytes: number;
  /** The response finished normally (false when the connection was cut). */
  complete: boolean;
}

export interface FeedServer {
  port: number;
  url: string;
  /** --host-resolver-rules entry for the feed host. */
  resolverRule: string;
  requests: FeedRequest[];
  /** What the feed URL serves next; the signature URL always serves `sig`. */
  publish(feed: { body: Buffer; sig: string; etag: string }): void;
  mode: FeedMode;
  /** Resolves when a request is being held in `stall` mode. */
  stalled(): Promise<void>;
  /** End held requests (their connections are cut). */
  release(): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  let published: { body: Buffer; sig: string; etag: string } | null = null;
  const requests: FeedRequest[] = [];
  const held: Socket[] = [];
  let onStall: (() => void)[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const startBytes = socket.bytesWritten;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const entry: FeedRequest = { path, status: 0, ifNoneMatch: (req.headers['if-none-match'] as string | undefined) ?? null, bytes: 0, complete: false };
    requests.push(entry);
    const account = () => {
      entry.bytes = socket.bytesWritten - startBytes;
    };
    res.on('finish', () => {
      entry.complete = true;
      account();
    });
    res.on('close', account);
    const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string) => {
      entry.status = status;
      res.writeHead(status, headers).end(body);
    };

    if (!published || (path !== FEED_PATH && path !== `${FEED_PATH}.sig`)) return send(404, { 'content-type': 'text/plain' }, 'not found');
    if (path.endsWith('.sig')) return send(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(published.sig), 'cache-control': 'no-cache' }, published.sig);

    const body = published.body;
    switch (api.mode) {
      case 'status-500':
        return send(500, { 'content-type': 'text/plain' }, 'internal error');
      case 'truncate':
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.write(body.subarray(0, body.length >> 1), () => socket.destroy());
        return;
      case 'too-large': {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          // Stop at 64 MB whatever happens, so a broken client cannot keep us busy.
          while (sent < 64 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      case 'stall':
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, etag: published.etag });
        res.write(body.subarray(0, body.length >> 1));
        held.push(socket);
        for (const resolve of onStall) resolve();
        onStall = [];
        return;
      case 'slow': {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, etag: published.etag, 'cache-control': 'no-cache' });
        const piece = Math.ceil(body.length / 16);
        const next = (at: number) => {
          if (res.destroyed) return;
          if (at >= body.length) return void res.end();
          res.write(body.subarray(at, at + piece));
          setTimeout(() => next(at + piece), 25);
        };
        next(0);
        return;
      }
      case 'normal':
        if (entry.ifNoneMatch === published.etag) return send(304, { etag: published.etag, 'cache-control': 'no-cache' });
        return send(200, { 'content-type': 'application/json', 'content-length': body.length, etag: published.etag, 'cache-control': 'no-cache' }, body);
    }
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: FeedServer = {
    port,
    url: `http://${FEED_HOST}${FEED_PATH}`,
    resolverRule: `MAP ${FEED_HOST} 127.0.0.1:${port}`,
    requests,
    mode: 'normal',
    publish(feed) {
      published = feed;
    },
    stalled: () => new Promise((resolve) => (held.length ? resolve() : onStall.push(resolve))),
    release() {
      for (const s of held.splice(0)) s.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return api;
}
