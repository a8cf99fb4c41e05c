/**
 * Benchmark 2, extension start-up cost against the number of content-script match patterns:
 * from browser launch until the first page has loaded, until the service worker answers, and
 * until the content script on that page got its answer, with 0, 100, 300, 1,000 and 2,000
 * patterns, declared statically in the manifest against registered at run time, in the same run
 * (interleaved); a third variant holds the N host permissions with no content script, to tell the
 * cost of the permissions from the cost of the patterns. Each point is launched `cold` (fresh profile: the first start after install)
 * and `warm` (the same profile again: an everyday browser start, run-time registrations persisted).
 *
 *   npm run bench:startup [-- --quick]        (needs Chromium; about 5 minutes)
 *
 * Subject: a purpose-built extension that mirrors ours (bench/lib/tiny-extension.ts), so N is
 * exact; plus our real test build (.output/chrome-mv3-e2e, `npm run build:test`) at the pattern
 * count it registers. Extensions load with --load-extension at browser start, as an installed one
 * does (Puppeteer's own install happens after launch and does not survive a restart). Medians.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchPatternsFor, originsFor } from '../utils/match/site';
import { FeedDocument } from '../utils/feed/schema';
import { DEFAULT_ALERT_SETTINGS, isAlertable } from '../utils/policy/alert';
import { benchArgs } from './lib/args';
import { chromiumPath, extensionWorker, launchWithExtensionDir, startBenchServer, type BenchServer } from './lib/chromium';
import { machineInfo, ROOT } from './lib/machine';
import { report, type Row } from './lib/report';
import { median, round } from './lib/stats';
import { syntheticDomains } from './lib/synthetic';
import { writeTinyExtension, type PatternMode } from './lib/tiny-extension';

const args = benchArgs();
const POINTS = args.quick ? [0, 2000] : [0, 100, 300, 1000, 2000];
const REPS = args.quick ? 1 : 5;
const MODES: PatternMode[] = ['static', 'runtime', 'permissions-only'];
const E2E_BUILD = join(ROOT, '.output', 'chrome-mv3-e2e');

const domains = syntheticDomains(1200, 7)
  .filter((d) => d.kind === 'plain')
  .map((d) => d.ascii);
const patternsFor = (n: number) => domains.flatMap(matchPatternsFor).slice(0, n);
const PAGE_HOST = `www.${domains[0]}`;

interface Launch {
  upMs: number;
  swMs: number | null;
  loadMs: number;
  /** Content script ran on the first page and its message was answered; null when it never did. */
  probeMs: number | null;
  registerMs: number | null;
  /** The service worker registered the patterns at this start (false: already persisted). */
  registeredNow: boolean | null;
  /** Match patterns registered at run time once the start settled. */
  runtimePatterns: number | null;
}

async function launchOnce(
  server: BenchServer,
  extDir: string,
  profile: string,
  opts: { url: string; probe: string; real: boolean },
): Promise<Launch> {
  const t0 = performance.now();
  const browser = await launchWithExtensionDir(server.port, extDir, profile);
  const upMs = performance.now() - t0;
  try {
    const sw = (async () => {
      const worker = await extensionWorker(browser);
      await worker.evaluate(() => chrome.runtime.id);
      return { ms: performance.now() - t0, worker };
    })();
    const page = (async () => {
      const p = await browser.newPage();
      await p.goto(opts.url, { waitUntil: 'load' });
      const loadMs = performance.now() - t0;
      let probeMs: number | null = null;
      try {
        await p.waitForSelector(opts.probe, { timeout: 5_000 });
        probeMs = performance.now() - t0;
      } catch {
        // Not injected on the first page.
      }
      return { loadMs, probeMs };
    })();
    const [s, pg] = await Promise.all([sw.catch(() => null), page]);
    let registerMs: number | null = null;
    let registeredNow: boolean | null = null;
    let runtimePatterns: number | null = null;
    if (s) {
      if (!opts.real) {
        const b = await s.worker.evaluate(async () => {
          const g = self as unknown as { bench: { ready: Promise<void>; registerMs: number | null; registered: boolean } };
          await g.bench.ready;
          return { registerMs: g.bench.registerMs, registered: g.bench.registered };
        });
        registerMs = b.registerMs;
        registeredNow = b.registered;
      }
      // The real extension registers after loading its feed: wait for it (up to 20 s).
      runtimePatterns = await s.worker.evaluate(async (real) => {
        for (let i = 0; i < (real ? 400 : 1); i++) {
          const n = (await chrome.scripting.getRegisteredContentScripts()).flatMap((c) => c.matches ?? []).length;
          if (n > 0 || !real) return n;
          await new Promise((r) => setTimeout(r, 50));
        }
        return 0;
      }, opts.real);
    }
    return { upMs, swMs: s?.ms ?? null, loadMs: pg.loadMs, probeMs: pg.probeMs, registerMs, registeredNow, runtimePatterns };
  } finally {
    await browser.close();
  }
}

const work = mkdtempSync(join(tmpdir(), 'ew-bench-startup-'));
const server = await startBenchServer();
const page = readFileSync(join(ROOT, 'test', 'fixtures', 'sites', 'www.coupang.com', 'index.html'));
server.set('/', { type: 'text/html; charset=utf-8', body: page });

const results = new Map<string, { launch: 'cold' | 'warm'; mode: string; n: number; runs: Launch[] }>();
const record = (launch: 'cold' | 'warm', mode: string, n: number, l: Launch) => {
  const key = `${launch}|${mode}|${n}`;
  const e = results.get(key) ?? { launch, mode, n, runs: [] };
  e.runs.push(l);
  results.set(key, e);
};

const realBuild = existsSync(join(E2E_BUILD, 'manifest.json'));
try {
  for (const mode of MODES) for (const n of POINTS) writeTinyExtension(join(work, `${mode}-${n}`), mode, patternsFor(n));
  for (let rep = 0; rep < REPS; rep++) {
    for (const n of POINTS) {
      // With 0 patterns the three variants are the same extension: launch it once.
      for (const mode of n === 0 ? MODES.slice(0, 1) : MODES) {
        const profile = mkdtempSync(join(work, 'profile-'));
        const opts = { url: `http://${PAGE_HOST}/`, probe: 'html[data-bench-probe]', real: false };
        record('cold', mode, n, await launchOnce(server, join(work, `${mode}-${n}`), profile, opts));
        record('warm', mode, n, await launchOnce(server, join(work, `${mode}-${n}`), profile, opts));
        rmSync(profile, { recursive: true, force: true });
        process.stdout.write('.');
      }
    }
    if (realBuild) {
      const profile = mkdtempSync(join(work, 'profile-'));
      const opts = { url: 'http://www.coupang.com/', probe: 'exposure-watch-notice', real: true };
      record('cold', 'exposure-watch e2e build', -1, await launchOnce(server, E2E_BUILD, profile, opts));
      record('warm', 'exposure-watch e2e build', -1, await launchOnce(server, E2E_BUILD, profile, opts));
      rmSync(profile, { recursive: true, force: true });
    }
  }
  process.stdout.write('\n');
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

const med = (runs: Launch[], k: keyof Launch) => {
  const xs = runs.map((r) => r[k]).filter((x): x is number => typeof x === 'number');
  return xs.length ? round(median(xs), 0) : null;
};
const rows: Row[] = [];
for (const launch of ['cold', 'warm'] as const) {
  for (const mode of [...MODES, 'exposure-watch e2e build']) {
    for (const e of [...results.values()].filter((x) => x.launch === launch && x.mode === mode).sort((a, b) => a.n - b.n)) {
      const base = results.get(`${launch}|${MODES[0]}|0`);
      const load = med(e.runs, 'loadMs');
      const baseLoad = base ? med(base.runs, 'loadMs') : null;
      rows.push({
        launch,
        patterns: mode === 'exposure-watch e2e build' ? `${med(e.runs, 'runtimePatterns')} (registered)` : e.n,
        declared: e.n === 0 ? '(none)' : mode,
        runs: e.runs.length,
        'browser up ms': med(e.runs, 'upMs'),
        'SW answers ms': med(e.runs, 'swMs'),
        'first page loaded ms': load,
        'page load vs 0 patterns': load !== null && baseLoad ? round(load / baseLoad, 2) : null,
        'content script answered ms': med(e.runs, 'probeMs'),
        'injected on first page': `${e.runs.filter((r) => r.probeMs !== null).length}/${e.runs.length}`,
        'register ms': med(e.runs, 'registerMs'),
        'registered at this start': mode === 'runtime' && e.n > 0 ? `${e.runs.filter((r) => r.registeredNow).length}/${e.runs.length}` : null,
      });
    }
  }
}

// The curve: first page loaded and service worker answering, per N, one column per declaration.
const curve: Row[] = [];
for (const launch of ['cold', 'warm'] as const) {
  for (const n of POINTS) {
    const r: Row = { launch, patterns: n };
    for (const mode of MODES) {
      const x = rows.find((y) => y.launch === launch && y.patterns === n && (n === 0 || y.declared === mode));
      r[`${mode}: first page ms (x of 0)`] = x ? `${x['first page loaded ms']} (x${x['page load vs 0 patterns']})` : null;
    }
    for (const mode of MODES) {
      const x = rows.find((y) => y.launch === launch && y.patterns === n && (n === 0 || y.declared === mode));
      r[`${mode}: SW answers ms`] = x ? x['SW answers ms'] : null;
    }
    curve.push(r);
  }
}

// What the product would register: every alertable site's patterns (if the user grants them all).
const feed = FeedDocument.parse(JSON.parse(readFileSync(join(ROOT, 'public', 'feed', 'feed.json'), 'utf8')));
const alertableNow = originsFor(feed.breaches.filter((b) => isAlertable(b, Date.now(), DEFAULT_ALERT_SETTINGS)).flatMap((b) => b.domains)).length;
const allSites = originsFor(feed.breaches.flatMap((b) => b.domains)).length;
const at = (launch: string, mode: string, n: number) => rows.find((r) => r.launch === launch && r.declared === mode && r.patterns === n);
const warmRuntime = [...results.values()].filter((e) => e.launch === 'warm' && e.mode === 'runtime' && e.n > 0).flatMap((e) => e.runs);
const notes = [
  `warm run-time starts that had to register again: ${warmRuntime.filter((r) => r.registeredNow).length}/${warmRuntime.length} (here, with an unpacked extension loaded by --load-extension, Chromium did not keep them across the restart; per Chrome's documentation persistAcrossSessions keeps them for an installed extension, so these warm run-time rows include a registration and are pessimistic)`,
  `product: run-time registration of granted alertable sites only; with default settings the feed has ${alertableNow} alertable patterns today, ${allSites} for every breached site`,
];
for (const launch of ['cold', 'warm']) {
  const s = at(launch, 'static', POINTS.at(-1)!);
  const r = at(launch, 'runtime', POINTS.at(-1)!);
  if (s && r) {
    notes.push(
      `${launch}, ${POINTS.at(-1)} patterns: first page ${s['first page loaded ms']} ms static vs ${r['first page loaded ms']} ms run-time (x${s['page load vs 0 patterns']} vs x${r['page load vs 0 patterns']} of 0 patterns); SW answers ${s['SW answers ms']} vs ${r['SW answers ms']} ms`,
    );
  }
}

report(
  {
    name: 'startup',
    command: 'npm run bench:startup',
    machine: machineInfo(chromiumPath()),
    params: { points: POINTS, repetitions: REPS, pageHost: PAGE_HOST, patternShape: '*://<domain>/* and *://*.<domain>/* per domain (utils/match/site.ts matchPatternsFor)', realBuild: realBuild ? E2E_BUILD : null },
    tables: [
      { title: 'The curve: medians from launch start (baseline: the same extension with 0 patterns, same launch kind)', rows: curve },
      { title: 'Every measurement, medians from launch start', rows },
    ],
    notes,
  },
  { write: !args.noWrite },
);
