/**
 * A plain Chromium page running bench/browser/entry.ts (the product's feed, IndexedDB and
 * matching code) on http://127.0.0.1 (a secure context, so WebCrypto works). Cross-origin
 * isolated (COOP + COEP), so performance.now() has 5 µs resolution instead of 100 µs.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { bundle } from './bundle';
import { launchPlain, startBenchServer, type BenchServer } from './chromium';
import { ROOT } from './machine';

const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

export interface BenchPage {
  server: BenchServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * Bundle the entry, serve it, launch Chromium and open the page.
 * @throws when the page is not cross-origin isolated (the 5 µs clock would be lost).
 */
export async function openBenchPage(): Promise<BenchPage> {
  const code = await bundle(join(ROOT, 'bench', 'browser', 'entry.ts'));
  const server = await startBenchServer();
  server.set('/', { type: 'text/html', headers: ISOLATED, body: '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script>' });
  server.set('/bench.js', { type: 'text/javascript', headers: ISOLATED, body: code });
  const browser = await launchPlain(server.port);
  const page = await browser.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => window.bench?.ready === true);
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('bench page is not cross-origin isolated');
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
