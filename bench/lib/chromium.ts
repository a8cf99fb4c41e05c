/// <reference types="chrome" />
/**
 * Chromium for the browser benchmarks: a loopback HTTP server for bench pages and feeds, and
 * launches with the flags the E2E suite uses (test/support/browser.ts). Nothing leaves the
 * machine: every host name is mapped to the loopback server.
 *
 * On a shared machine run browser benchmarks under `flock /tmp/browser.lock ...`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';
import { chromiumArgs as suiteArgs, chromiumPath } from '../../test/support/browser';

export { chromiumPath };

export interface Served {
  body: string | Uint8Array;
  type: string;
  headers?: Record<string, string>;
}

export interface BenchServer {
  port: number;
  origin: string;
  /** Add or replace what `path` serves (any host). */
  set(path: string, served: Served): void;
  /** Count of requests per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** A loopback server answering every host name with the same routes (404 otherwise). */
export async function startBenchServer(): Promise<BenchServer> {
  const routes = new Map<string, Served>();
  const hits = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const r = routes.get(path);
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': r.type, 'cache-control': 'no-store', ...r.headers }).end(r.body);
  });
  // Keep-alive off: each page load pays the same connection cost.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    set: (path, served) => routes.set(path, served),
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The E2E suite's Chromium flags; every host resolves to `port` on loopback. */
export function chromiumArgs(port: number): string[] {
  return suiteArgs(`MAP * 127.0.0.1:${port}, EXCLUDE 127.0.0.1`);
}

/** Headless Chromium without extensions. */
export function launchPlain(port: number): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    defaultViewport: { width: 1280, height: 800 },
    args: chromiumArgs(port),
    env: { ...process.env, LANGUAGE: 'en-US' },
  });
}

/**
 * Headless Chromium with the unpacked extension in `dir` loaded at browser start
 * (--load-extension, as an installed extension loads; Puppeteer's own install runs after launch).
 * @param profile user data directory to keep between launches; a fresh temporary one otherwise.
 */
export function launchWithExtensionDir(port: number, dir: string, profile?: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    userDataDir: profile,
    enableExtensions: true,
    defaultViewport: { width: 1280, height: 800 },
    args: [...chromiumArgs(port), `--load-extension=${dir}`, `--disable-extensions-except=${dir}`],
    env: { ...process.env, LANGUAGE: 'en-US' },
  });
}

/** The extension's service worker (`/background.js`) once it runs. */
export async function extensionWorker(browser: Browser, timeout = 30_000): Promise<WebWorker> {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout });
  const worker = await target.worker();
  if (!worker) throw new Error('service worker target has no worker');
  return worker;
}

/** Wait until the extension registered a run-time content script; @returns how many patterns. */
export async function waitForRegisteredPatterns(worker: WebWorker, timeout = 30_000): Promise<number> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const n = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []).length);
    if (n > 0) return n;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the extension registered no content script in time');
}
