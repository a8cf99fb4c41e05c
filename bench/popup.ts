/// <reference types="chrome" />
/**
 * Benchmark 6, the popup: time from opening the popup (a toolbar click on an affected shop) to
 * its breach list rendered, against a blank Preact page opened the same way, in the same run.
 *
 *   npm run bench:popup [-- --quick]          (needs Chromium and `npm run build:test`)
 *
 * The test build is copied to a temporary directory with two additions: `bench-blank.html`
 * (bench/browser/blank.tsx, Preact rendering one element) and `bench-mark.js`, a classic script
 * put first in both pages' <head> that records performance.now() (the popup document's own clock,
 * from its navigation start) when the breach list (`ul.cards article`) or the blank page's
 * element appears. The service worker switches the action's popup between the two
 * (`action.setPopup`); runs alternate. The harness time (click to seen) is reported too.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs } from './lib/args';
import { bundle } from './lib/bundle';
import { chromiumPath, extensionWorker, launchWithExtensionDir, startBenchServer, waitForRegisteredPatterns } from './lib/chromium';
import { machineInfo, ROOT } from './lib/machine';
import { report, type Row } from './lib/report';
import { round, summarize } from './lib/stats';

const args = benchArgs();
const RUNS = args.quick ? 5 : 30;
const WARMUP = 2;
const E2E_BUILD = join(ROOT, '.output', 'chrome-mv3-e2e');
if (!existsSync(join(E2E_BUILD, 'manifest.json'))) {
  console.error(`no test build at ${E2E_BUILD}: run npm run build:test first`);
  process.exit(2);
}

const MARK = `new MutationObserver(function (_, o) {
  if (document.querySelector('ul.cards article, #bench-blank-rendered')) { o.disconnect(); window.__benchRendered = performance.now(); }
}).observe(document, { childList: true, subtree: true });
`;

const work = mkdtempSync(join(tmpdir(), 'ew-bench-popup-'));
const BUILD = join(work, 'chrome-mv3-e2e');
cpSync(E2E_BUILD, BUILD, { recursive: true });
writeFileSync(join(BUILD, 'bench-mark.js'), MARK);
writeFileSync(join(BUILD, 'bench-blank.js'), await bundle(join(ROOT, 'bench', 'browser', 'blank.tsx'), { jsx: true }));
writeFileSync(
  join(BUILD, 'bench-blank.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><script src="/bench-mark.js"></script><script type="module" src="/bench-blank.js"></script></head><body><div id="app"></div></body></html>',
);
const popupHtml = join(BUILD, 'popup.html');
writeFileSync(popupHtml, readFileSync(popupHtml, 'utf8').replace(/<head>/i, '<head><script src="/bench-mark.js"></script>'));

const server = await startBenchServer();
server.set('/', { type: 'text/html; charset=utf-8', body: readFileSync(join(ROOT, 'test', 'fixtures', 'sites', 'www.coupang.com', 'index.html')) });

interface Open {
  page: 'popup.html' | 'bench-blank.html';
  /** From the popup document's navigation start (its own clock). */
  renderedMs: number;
  domContentLoadedMs: number;
  /** From the harness's click to the element seen by the harness. */
  harnessMs: number;
}

const opens: Open[] = [];
let patterns = 0;
try {
  const browser = await launchWithExtensionDir(server.port, BUILD);
  try {
    const worker = await extensionWorker(browser);
    patterns = await waitForRegisteredPatterns(worker);
    const id = new URL(worker.url()).host;
    const extension = (await browser.extensions()).get(id);
    if (!extension) throw new Error('extension not listed');
    const tab = await browser.newPage();
    await tab.goto('http://www.coupang.com/');
    await tab.waitForSelector('exposure-watch-notice', { timeout: 10_000 });
    for (let i = 0; i < (RUNS + WARMUP) * 2; i++) {
      const which = i % 2 === 0 ? 'popup.html' : 'bench-blank.html';
      await worker.evaluate((p) => chrome.action.setPopup({ popup: p }), which);
      await tab.bringToFront();
      const t0 = performance.now();
      const target = browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${id}/${which}`), { timeout: 10_000 });
      await tab.triggerExtensionAction(extension);
      const popup = await (await target).asPage();
      await popup.waitForFunction(() => (window as unknown as { __benchRendered?: number }).__benchRendered !== undefined, { timeout: 10_000 });
      const harnessMs = performance.now() - t0;
      const inPage = await popup.evaluate(() => ({
        renderedMs: (window as unknown as { __benchRendered: number }).__benchRendered,
        domContentLoadedMs: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
      }));
      if (i >= WARMUP * 2) opens.push({ page: which, harnessMs, ...inPage });
      await popup.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

const rows: Row[] = [];
const p50 = (page: Open['page'], k: 'renderedMs' | 'harnessMs') => summarize(opens.filter((o) => o.page === page).map((o) => o[k])).p50;
for (const page of ['bench-blank.html', 'popup.html'] as const) {
  const list = opens.filter((o) => o.page === page);
  const r = summarize(list.map((o) => o.renderedMs));
  const h = summarize(list.map((o) => o.harnessMs));
  rows.push({
    page: page === 'popup.html' ? 'popup.html (breach list of www.coupang.com)' : 'bench-blank.html (blank Preact page)',
    opens: list.length,
    'DCL p50 ms': round(summarize(list.map((o) => o.domContentLoadedMs)).p50, 1),
    'rendered p50 ms': round(r.p50, 1),
    'rendered p99 ms': round(r.p99, 1),
    'vs blank (p50)': round(r.p50 / p50('bench-blank.html', 'renderedMs'), 2),
    'click -> seen p50 ms (harness)': round(h.p50, 1),
    'click -> seen p99 ms (harness)': round(h.p99, 1),
  });
}

report(
  {
    name: 'popup',
    command: 'npm run bench:popup',
    machine: machineInfo(chromiumPath()),
    params: { opensPerPage: RUNS, warmupPerPage: WARMUP, site: 'www.coupang.com (fixture)', build: E2E_BUILD, registeredPatterns: patterns },
    tables: [{ title: 'Popup open to content rendered (baseline: a blank Preact page opened the same way, same run)', rows }],
    notes: [
      `breach list rendered ${round(p50('popup.html', 'renderedMs'), 1)} ms after the popup's navigation start (p50), ${round(p50('popup.html', 'renderedMs') - p50('bench-blank.html', 'renderedMs'), 1)} ms more than a blank Preact page`,
    ],
  },
  { write: !args.noWrite },
);
