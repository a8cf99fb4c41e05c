/// <reference types="chrome" />
/**
 * Benchmark 4, page-load overhead in Chromium: the load time of one fixture page (the Coupang
 * replica's HTML) over at least 30 loads per case, without and with the extension (our test
 * build, .output/chrome-mv3-e2e, whose alertable sites are granted), on an unaffected host
 * (www.kurly.com, no breach, no access) and an affected one (www.coupang.com), as ratios. On the
 * affected host, also when the notice was painted against one round trip to the background
 * (the notice's own question, asked again from its settled content script) in the same browser.
 *
 *   npm run bench:page-load [-- --quick]      (needs Chromium and `npm run build:test`)
 *
 * Times come from the page's own Navigation Timing (from navigation start), not from the harness.
 * The build is copied to a temporary directory and its notice.js gets a prefix that stamps when
 * the content script started and when each of its messages was sent and answered (attributes on
 * <html>, performance.now() of the page); nothing else changes.
 * The runs alternate hosts and come in blocks (without, with, without, ...), each block a fresh
 * browser, so drift hits both sides. The A/A ratio (first half of the runs without the extension
 * against the second half) shows the noise of this machine in the same run.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { benchArgs } from './lib/args';
import { chromiumPath, extensionWorker, launchPlain, launchWithExtensionDir, startBenchServer, waitForRegisteredPatterns } from './lib/chromium';
import { machineInfo, ROOT } from './lib/machine';
import { report, type Row } from './lib/report';
import { median, round, summarize } from './lib/stats';

const args = benchArgs();
const BLOCKS = args.quick ? 2 : 3;
const PER_BLOCK = args.quick ? 5 : 10;
const WARMUP = 3;
const E2E_BUILD = join(ROOT, '.output', 'chrome-mv3-e2e');
const HOSTS = { unaffected: 'www.kurly.com', affected: 'www.coupang.com' } as const;
type HostKind = keyof typeof HOSTS;

if (!existsSync(join(E2E_BUILD, 'manifest.json'))) {
  console.error(`no test build at ${E2E_BUILD}: run npm run build:test first`);
  process.exit(2);
}

/** The test build with notice.js stamping its own start. */
const work = mkdtempSync(join(tmpdir(), 'ew-bench-page-load-'));
const BUILD = join(work, 'chrome-mv3-e2e');
cpSync(E2E_BUILD, BUILD, { recursive: true });
const noticeJs = join(BUILD, 'notice.js');
/** Stamps the script's start, and each message's send and answer times, on <html> (page clock). */
const STAMP = `document.documentElement.setAttribute('data-ew-bench-start', String(performance.now()));
try {
  const rt = chrome.runtime, send = rt.sendMessage.bind(rt);
  rt.sendMessage = (m, ...rest) => {
    const t = performance.now(), p = send(m, ...rest);
    p.then(() => document.documentElement.setAttribute('data-ew-bench-' + String(m.type).replace(':', '-'), t + ',' + performance.now()), () => {});
    return p;
  };
} catch {}
`;
writeFileSync(noticeJs, `${STAMP}${readFileSync(noticeJs, 'utf8')}`);

interface NoticeTimes {
  start: number;
  added: number;
  painted: number;
  verdictSent: number;
  verdictAnswered: number;
}

/**
 * Installed before any page script: when the notice's host element arrives, and two frames
 * later (the frame that shows it has been presented), with the content script's own start stamp.
 */
const OBSERVE_NOTICE = () => {
  const w = window as unknown as { __notice?: NoticeTimes };
  new MutationObserver((_, obs) => {
    if (!document.querySelector('exposure-watch-notice')) return;
    obs.disconnect();
    const added = performance.now();
    const html = document.documentElement;
    const start = Number(html.getAttribute('data-ew-bench-start'));
    // No named functions in here: tsx's keepNames would call a helper the page does not have.
    // The notice is drawn on content:verdict's answer; content:shown (the badge) follows it.
    const [verdictSent, verdictAnswered] = (html.getAttribute('data-ew-bench-content-verdict') ?? 'NaN,NaN').split(',').map(Number) as [number, number];
    requestAnimationFrame(() => requestAnimationFrame(() => (w.__notice = { start, added, painted: performance.now(), verdictSent, verdictAnswered })));
  }).observe(document, { childList: true, subtree: true });
};

interface Load {
  host: HostKind;
  withExtension: boolean;
  block: number;
  /** Navigation Timing, ms from navigation start. */
  domContentLoaded: number;
  load: number;
  /** The notice's content script started, its host element was added, and two frames later. */
  notice: NoticeTimes | null;
}

const server = await startBenchServer();
server.set('/', { type: 'text/html; charset=utf-8', body: readFileSync(join(ROOT, 'test', 'fixtures', 'sites', 'www.coupang.com', 'index.html')) });

async function loads(browser: Browser, withExtension: boolean, block: number, count: number): Promise<Load[]> {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(OBSERVE_NOTICE);
  const out: Load[] = [];
  for (let i = 0; i < count * 2; i++) {
    const host: HostKind = i % 2 === 0 ? 'unaffected' : 'affected';
    await page.goto(`http://${HOSTS[host]}/?run=${block}-${i}`, { waitUntil: 'load' });
    let notice: Load['notice'] = null;
    if (withExtension && host === 'affected') {
      await page.waitForFunction(() => (window as unknown as { __notice?: unknown }).__notice, { timeout: 10_000 });
      notice = await page.evaluate(() => (window as unknown as { __notice: NoticeTimes }).__notice);
    } else if (withExtension) {
      // Give a stray injection time to show up; there must be none on the unaffected host.
      await new Promise((r) => setTimeout(r, 150));
      if (await page.$('exposure-watch-notice')) throw new Error('notice on the unaffected host');
    }
    const nav = await page.evaluate(() => {
      const e = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { domContentLoaded: e.domContentLoadedEventEnd, load: e.loadEventEnd };
    });
    out.push({ host, withExtension, block, ...nav, notice });
  }
  await page.close();
  return out;
}

const all: Load[] = [];
const rtts: { siteReport: number[]; tabVerdict: number[]; contentVerdict: number[] } = { siteReport: [], tabVerdict: [], contentVerdict: [] };
let registered = 0;
try {
  for (let block = 0; block < BLOCKS; block++) {
    for (const withExtension of [false, true]) {
      const browser = withExtension ? await launchWithExtensionDir(server.port, BUILD) : await launchPlain(server.port);
      try {
        if (withExtension) {
          const worker = await extensionWorker(browser);
          registered = await waitForRegisteredPatterns(worker);
        }
        await loads(browser, withExtension, block, WARMUP); // warm-up, discarded
        all.push(...(await loads(browser, withExtension, block, PER_BLOCK)));
        if (withExtension) {
          // One round trip to the background from an extension page: the same lookup the notice needs,
          // and a storage-only message for comparison.
          const worker = await extensionWorker(browser);
          const id = new URL(worker.url()).host;
          const page = await browser.newPage();
          await page.goto(`chrome-extension://${id}/details.html?site=example.com`);
          // No named functions inside evaluate: tsx's keepNames would reference a helper the page lacks.
          const r = await page.evaluate(async (url, n) => {
            const siteReport: number[] = [];
            const tabVerdict: number[] = [];
            for (let i = 0; i < n; i++) {
              let t = performance.now();
              await chrome.runtime.sendMessage({ type: 'ui:site-report', url });
              siteReport.push(performance.now() - t);
              t = performance.now();
              await chrome.runtime.sendMessage({ type: 'ui:tab-verdict', tabId: 1 });
              tabVerdict.push(performance.now() - t);
            }
            return { siteReport: siteReport.slice(3), tabVerdict: tabVerdict.slice(3) };
          }, `http://${HOSTS.affected}/`, PER_BLOCK + 3);
          rtts.siteReport.push(...r.siteReport);
          rtts.tabVerdict.push(...r.tabVerdict);
          await page.close();
          // The same round trip the notice makes, from the notice's own content script (its realm,
          // through the DevTools protocol) once the page has settled: the steady-state cost.
          const shop = await browser.newPage();
          await shop.goto(`http://${HOSTS.affected}/?run=rtt-${block}`, { waitUntil: 'load' });
          await shop.waitForSelector('exposure-watch-notice', { timeout: 10_000 });
          const realm = shop.extensionRealms()[0];
          if (!realm) throw new Error('no content script realm on the affected host');
          rtts.contentVerdict.push(
            ...(await realm.evaluate(async (n) => {
              const times: number[] = [];
              for (let i = 0; i < n; i++) {
                const t = performance.now();
                await chrome.runtime.sendMessage({ type: 'content:verdict' });
                times.push(performance.now() - t);
              }
              return times.slice(3);
            }, PER_BLOCK + 3)),
          );
          await shop.close();
        }
      } finally {
        await browser.close();
      }
      process.stdout.write('.');
    }
  }
  process.stdout.write('\n');
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

const pick = (host: HostKind, withExtension: boolean) => all.filter((l) => l.host === host && l.withExtension === withExtension);
const rows: Row[] = [];
const ratioRows: Row[] = [];
for (const host of ['unaffected', 'affected'] as const) {
  const without = pick(host, false);
  const withExt = pick(host, true);
  for (const [label, list] of [['without', without], ['with', withExt]] as const) {
    const load = summarize(list.map((l) => l.load));
    rows.push({
      host: `${host} (${HOSTS[host]})`,
      extension: label,
      loads: list.length,
      'DCL p50 ms': round(median(list.map((l) => l.domContentLoaded)), 1),
      'load p50 ms': round(load.p50, 1),
      'load min ms': round(load.min, 1),
      'load p99 ms': round(load.p99, 1),
      'notice painted p50 ms': list.some((l) => l.notice) ? round(median(list.map((l) => l.notice?.painted ?? NaN)), 1) : null,
    });
  }
  const half = Math.floor(without.length / 2);
  const aa = median(without.slice(0, half).map((l) => l.load)) / median(without.slice(half).map((l) => l.load));
  ratioRows.push({
    host: `${host} (${HOSTS[host]})`,
    'load ratio with / without': round(median(withExt.map((l) => l.load)) / median(without.map((l) => l.load)), 3),
    'A/A ratio (without, 1st half / 2nd half)': round(aa, 3),
  });
}

const affected = pick('affected', true).map((l) => l.notice!);
// Baseline: one round trip of the notice's own question, asked again from its settled content script.
const rtt = median(rtts.contentVerdict);
const span = (f: (n: NonNullable<Load['notice']>) => number) => {
  const s = summarize(affected.map(f));
  return { 'p50 ms': round(s.p50, 1), 'p99 ms': round(s.p99, 1), 'p50 in round trips': round(s.p50 / rtt, 1) };
};
const trip = (list: number[]) => {
  const s = summarize(list);
  return { 'p50 ms': round(s.p50, 2), 'p99 ms': round(s.p99, 2), 'p50 in round trips': round(s.p50 / rtt, 1) };
};
const noticeRows: Row[] = [
  { measure: 'content script start -> notice element added', ...span((n) => n.added - n.start) },
  { measure: 'content script start -> notice painted (two frames later)', ...span((n) => n.painted - n.start) },
  { measure: '  of which content:verdict sent -> answered, first message of the page', ...span((n) => n.verdictAnswered - n.verdictSent) },
  { measure: '  of which content:verdict answered -> notice element added (render and mount)', ...span((n) => n.added - n.verdictAnswered) },
  { measure: 'navigation start -> content script start (document_idle)', ...span((n) => n.start) },
  { measure: 'one round trip: content:verdict again from the settled content script (baseline)', ...trip(rtts.contentVerdict) },
  { measure: 'one round trip: ui:site-report from an extension page', ...trip(rtts.siteReport) },
  { measure: 'one round trip: ui:tab-verdict from an extension page (a storage read)', ...trip(rtts.tabVerdict) },
];
const addedP50 = median(affected.map((n) => n.added - n.start));

report(
  {
    name: 'page-load',
    command: 'npm run bench:page-load',
    machine: machineInfo(chromiumPath()),
    params: { blocks: BLOCKS, loadsPerBlockPerHost: PER_BLOCK, warmupPerBlock: WARMUP, hosts: HOSTS, page: 'test/fixtures/sites/www.coupang.com/index.html on both hosts', build: E2E_BUILD, registeredPatterns: registered },
    tables: [
      { title: 'Load times (Navigation Timing, from navigation start)', rows },
      { title: 'Ratios (baseline: the same host without the extension, same run)', rows: ratioRows },
      { title: 'Affected host: the notice against one round trip to the background (service worker warm; baseline = one round trip)', rows: noticeRows },
    ],
    notes: [
      `unaffected host: with/without ${ratioRows[0]!['load ratio with / without']} against an A/A noise ratio of ${ratioRows[0]!['A/A ratio (without, 1st half / 2nd half)']} (nothing is injected there)`,
      `affected host: the notice is in the page ${round(addedP50, 1)} ms (p50) after its script starts, ${round(addedP50 / rtt, 1)} round trips of content:verdict from a settled page (${round(rtt, 2)} ms); it is drawn on the answer to its one message, content:verdict (${round(median(affected.map((n) => n.verdictAnswered - n.verdictSent)), 1)} ms as the page's first message), then sends content:shown for the badge`,
      `the extension registered ${registered} match patterns (the test build grants every alertable site)`,
    ],
  },
  { write: !args.noWrite },
);
