/**
 * Sizes of the built extension: gzip size of every built script, of each extension page's whole
 * load graph (the HTML, the scripts and styles it links, and every chunk those scripts import
 * statically), and of the store zips; with budgets for what runs on shop pages and for the popup.
 *
 *   npm run bench:size            after `npm run zip` (which builds both browsers): table + JSON
 *   npm run bench:size -- --ci    budgets only, Chrome and Firefox builds, no zips, no JSON; exits 1
 *                                 when a budget is exceeded (run by `npm test` after the builds)
 *
 * gzip level 9 per file, summed over a graph (each file is read on its own). Budgets are in
 * gzip bytes, 1 KB = 1024 B.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo, ROOT } from './lib/machine';
import { report, type Row } from './lib/report';
import { pageGraph } from './lib/page-graph';

const { values: args } = parseArgs({ options: { ci: { type: 'boolean', default: false } } });

const KB = 1024;
/**
 * Budgets (gzip bytes). The notice script runs on every visit to a breached site; the form
 * observer on every page of one while the user has it on; the popup opens on each toolbar click.
 */
export const BUDGETS = { 'notice.js': 5 * KB, 'observer.js': 3 * KB, 'popup.html (graph)': 40 * KB } as const;

const BUILDS = { chrome: join(ROOT, '.output', 'chrome-mv3'), firefox: join(ROOT, '.output', 'firefox-mv3') } as const;
const PAGES = ['popup', 'details', 'exposures', 'onboarding', 'options'];

const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** Every .js file of a build, relative paths, sorted. */
function scripts(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) out.push(path);
    }
  };
  walk('');
  return out.sort();
}

interface Measured {
  file: string;
  raw: number;
  gzip: number;
}

function measure(dir: string, file: string): Measured {
  const bytes = readFileSync(join(dir, file));
  return { file, raw: bytes.length, gzip: gzipSize(bytes) };
}

function graphSize(dir: string, page: string): { raw: number; gzip: number; files: string[]; lazy: string[] } {
  const { files, lazy } = pageGraph(dir, `${page}.html`);
  const sizes = files.map((f) => measure(dir, f));
  return { raw: sizes.reduce((s, x) => s + x.raw, 0), gzip: sizes.reduce((s, x) => s + x.gzip, 0), files, lazy };
}

interface BudgetCheck {
  build: string;
  item: string;
  gzip: number;
  budget: number;
  ok: boolean;
}

function checkBudgets(build: keyof typeof BUILDS): BudgetCheck[] {
  const dir = BUILDS[build];
  return Object.entries(BUDGETS).map(([item, budget]) => {
    const gzip = item.endsWith('(graph)') ? graphSize(dir, item.split('.')[0]!).gzip : measure(dir, item).gzip;
    return { build, item, gzip, budget, ok: gzip <= budget };
  });
}

const budgetRow = (c: BudgetCheck): Row => ({
  build: c.build,
  item: c.item,
  'gzip B': c.gzip,
  'budget B': c.budget,
  'of budget': `${((c.gzip / c.budget) * 100).toFixed(1)}%`,
  verdict: c.ok ? 'within' : 'OVER',
});

function missing(build: keyof typeof BUILDS): boolean {
  if (existsSync(join(BUILDS[build], 'manifest.json'))) return false;
  console.error(`no ${build} build at ${BUILDS[build]}: run ${build === 'chrome' ? 'npm run build' : 'npm run build:firefox'} first`);
  return true;
}

if (args.ci) {
  // CI: deterministic budget checks on both production builds, nothing written.
  if (missing('chrome') || missing('firefox')) process.exit(2);
  const checks = [...checkBudgets('chrome'), ...checkBudgets('firefox')];
  for (const c of checks) {
    console.log(`${c.build.padEnd(8)} ${c.item.padEnd(20)} ${String(c.gzip).padStart(7)} B gzip  budget ${String(c.budget).padStart(6)} B  ${c.ok ? 'within' : 'OVER BUDGET'}`);
  }
  const over = checks.filter((c) => !c.ok);
  if (over.length) console.error(`size budget exceeded: ${over.map((c) => `${c.build} ${c.item}`).join(', ')}`);
  process.exit(over.length ? 1 : 0);
}

if (missing('chrome') || missing('firefox')) process.exit(2);
const dir = BUILDS.chrome;
const scriptRows: Row[] = scripts(dir).map((f) => {
  const m = measure(dir, f);
  const budget = BUDGETS[f as keyof typeof BUDGETS] ?? null;
  return { file: f, 'raw B': m.raw, 'gzip B': m.gzip, 'budget B': budget, verdict: budget === null ? '' : m.gzip <= budget ? 'within' : 'OVER' };
});
for (const f of ['feed/feed.json']) {
  const m = measure(dir, f);
  scriptRows.push({ file: f, 'raw B': m.raw, 'gzip B': m.gzip, 'budget B': null, verdict: '' });
}

const blankGzip = gzipSize(Buffer.from('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>'));
const graphRows: Row[] = [];
const graphs: Record<string, { files: string[]; lazy: string[] }> = {};
for (const build of ['chrome', 'firefox'] as const) {
  for (const page of PAGES) {
    const g = graphSize(BUILDS[build], page);
    graphs[`${build}/${page}`] = { files: g.files, lazy: g.lazy };
    const budget = page === 'popup' ? BUDGETS['popup.html (graph)'] : null;
    graphRows.push({
      build,
      page: `${page}.html`,
      files: g.files.length,
      'raw B': g.raw,
      'gzip B': g.gzip,
      'lazy files': g.lazy.length,
      'budget B': budget,
      verdict: budget === null ? '' : g.gzip <= budget ? 'within' : 'OVER',
    });
  }
}

// Store zips, as `npm run zip` writes them (already deflated: the file size is what ships).
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const zipRows: Row[] = [];
const builtAt = statSync(join(dir, 'manifest.json')).mtimeMs;
for (const kind of ['chrome', 'firefox', 'sources']) {
  const file = join(ROOT, '.output', `exposure-watch-${version}-${kind}.zip`);
  if (!existsSync(file)) {
    zipRows.push({ zip: `exposure-watch-${version}-${kind}.zip`, 'size B': null, note: 'missing: run npm run zip' });
    continue;
  }
  const st = statSync(file);
  zipRows.push({
    zip: `exposure-watch-${version}-${kind}.zip`,
    'size B': st.size,
    'gzip B': gzipSize(readFileSync(file)),
    note: st.mtimeMs + 60_000 < builtAt ? 'older than the build: run npm run zip' : '',
  });
}

const checks = [...checkBudgets('chrome'), ...checkBudgets('firefox')];
const popup = graphs['chrome/popup']!;
report({
  name: 'sizes',
  command: 'npm run zip && npm run bench:size',
  machine: machineInfo(),
  params: { gzipLevel: 9, budgets: BUDGETS, popupGraph: popup, blankHtmlGzip: blankGzip },
  tables: [
    { title: 'Budgets (baseline: the budget itself; CI runs these with --ci)', rows: checks.map(budgetRow) },
    { title: 'Built files, Chrome (.output/chrome-mv3)', rows: scriptRows },
    { title: 'Page load graphs: HTML + linked JS/CSS + static imports (lazy = dynamic import(), not counted)', rows: graphRows },
    { title: 'Store zips (npm run zip)', rows: zipRows },
  ],
  notes: [
    `popup graph (chrome): ${popup.files.join(', ')}${popup.lazy.length ? `; lazy: ${popup.lazy.join(', ')}` : ''}`,
    ...checks.filter((c) => !c.ok).map((c) => `OVER BUDGET: ${c.build} ${c.item} ${c.gzip} B > ${c.budget} B`),
  ],
});
process.exit(checks.every((c) => c.ok) ? 0 : 1);
