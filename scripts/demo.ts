/// <reference types="chrome" />
/**
 * The demo: build the extension (test build mode), serve local replicas of www.coupang.com and an
 * unaffected shop (www.kurly.com), open both in Chromium with the extension, open the popup as a
 * toolbar click would, save screenshots, and print one line per site.
 *
 *   npm run demo                 headless (default)
 *   npm run demo -- --headed     in a window (needs a display)
 *   npm run demo -- --no-build   reuse .output/chrome-mv3-e2e
 *   npm run demo -- --lang ko    Korean browser UI
 *   npm run demo -- --out DIR    where screenshots go (default: demo-output/)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../test/support/fixture-server';
import { badgeText, launchWithExtension, waitForBadge, openPopup, waitForNotice, type ExtensionSession } from '../test/support/browser';
import { clickNoticeButton } from '../test/support/notice';
import { E2E_BUILD, ROOT } from '../test/support/paths';
import type { SiteReport } from '../utils/messaging/protocol';

const { values } = parseArgs({
  options: {
    headed: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    lang: { type: 'string', default: 'en' },
    out: { type: 'string', default: join(ROOT, 'demo-output') },
  },
});

const SITES = ['www.coupang.com', 'www.kurly.com'];

/** Ask the running extension (from one of its own pages) for a site's report. */
async function reportFor(session: ExtensionSession, url: string): Promise<SiteReport | null> {
  const page = await session.browser.newPage();
  try {
    await page.goto(`chrome-extension://${session.extensionId}/details.html?site=example.com`);
    return await page.evaluate((u) => chrome.runtime.sendMessage({ type: 'ui:site-report', url: u }), url);
  } finally {
    await page.close();
  }
}

async function shot(page: Page, file: string, fullPage = false): Promise<string> {
  const path = join(outDir, file) as `${string}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}

const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });

if (!values['no-build']) {
  console.log('Building the extension (test build mode)...');
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const server = await startFixtureServer();
const lang = values.lang === 'ko' ? 'ko' : 'en-US';
const messages = JSON.parse(readFileSync(join(ROOT, 'public', '_locales', lang === 'ko' ? 'ko' : 'en', 'messages.json'), 'utf8'));
const whatToDo: string = messages.noticeWhatToDo.message;
const session = await launchWithExtension(E2E_BUILD, { resolverRules: server.resolverRules(), headed: values.headed, lang });
// Headless Chromium reports en-US to extensions whatever --lang says: use the extension's own
// language setting, as a user would in Options.
await session.worker.evaluate((l) => chrome.storage.local.set({ 'ui-language': l }), lang === 'ko' ? 'ko' : 'en');
const lines: string[] = [];
const files: string[] = [];
try {
  for (const host of SITES) {
    const page = await session.browser.newPage();
    const url = `http://${host}/`;
    await page.goto(url);
    const noticed = await waitForNotice(page, 4_000);
    const badge = noticed ? await waitForBadge(session.worker, page, '!') : await badgeText(session.worker, page);
    const report = await reportFor(session, url);
    const found = report?.breaches.map((v) => `${v.breach.title} (${v.breach.breachDate}, ${v.decision.reason})`) ?? [];
    lines.push(`${host}  badge=${JSON.stringify(badge)}  breaches: ${found.length ? found.join('; ') : 'none'}`);
    const slug = `${host.replace(/^www\./, '').replace(/\./g, '-')}${lang === 'ko' ? '-ko' : ''}`;
    files.push(await shot(page, `${slug}-page.png`));
    const popup = await openPopup(session, page);
    files.push(await shot(popup, `${slug}-popup.png`, true));
    await popup.close();
    if (noticed) {
      const detailsTarget = session.browser.waitForTarget((t) => t.url().includes('/details.html?site='), { timeout: 10_000 });
      await clickNoticeButton(page, whatToDo);
      const details = await (await detailsTarget).asPage();
      await details.waitForSelector('[data-state]:not([data-state="loading"])');
      files.push(await shot(details, `${slug}-details.png`, true));
    }
  }
} finally {
  await session.close();
  await server.close();
}

console.log(`\nScreenshots in ${outDir}:`);
for (const f of files) console.log(`  ${f}`);
console.log('');
for (const line of lines) console.log(line);
