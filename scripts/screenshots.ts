/// <reference types="chrome" />
/**
 * Regenerates the README screenshots from the E2E fixtures: the notice on the local Coupang
 * replica, the popup with a profile (email, phone, address), Options, and All my exposures,
 * in English and Korean. `npm run screenshots` (add `-- --no-build` to reuse the test build,
 * `-- --scale 2` for 2x, `-- --out DIR` for another folder; default docs/screenshots/).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../test/support/fixture-server';
import { launchWithExtension, openPopup, waitForNotice } from '../test/support/browser';
import { E2E_BUILD, ROOT } from '../test/support/paths';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    scale: { type: 'string', default: '1' },
    out: { type: 'string', default: join(ROOT, 'docs', 'screenshots') },
  },
});
const scale = Number(values.scale) || 1;
const outDir = resolve(values.out);

/** What the screenshots show the user recorded: a realistic shopper's profile. */
const PROFILE: Record<string, string[]> = {
  'coupang.com': ['email', 'phone', 'address'],
  'lottecard.co.kr': ['payment-card', 'government-id', 'phone'],
  'sktelecom.com': ['phone', 'name'],
  'kurly.com': ['address', 'phone'],
};

if (!values['no-build']) {
  console.log('Building the extension (test build mode)...');
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const server = await startFixtureServer();
const session = await launchWithExtension(E2E_BUILD, { resolverRules: server.resolverRules() });
const written: string[] = [];
try {
  const ext = await session.browser.newPage();
  await ext.goto(`chrome-extension://${session.extensionId}/options.html`);
  const send = (m: object) => ext.evaluate((x) => chrome.runtime.sendMessage(x), m);
  for (const [site, details] of Object.entries(PROFILE)) {
    for (const detail of details) await send({ type: 'ui:profile-set-detail', site, detail, on: true });
  }
  await send({ type: 'ui:checklist-set', site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.smishing', done: true });

  for (const lang of ['en', 'ko'] as const) {
    // The extension's own language setting (headless Chromium reports en-US whatever --lang says).
    await ext.evaluate((l) => chrome.storage.local.set({ 'ui-language': l }), lang);
    const dir = join(outDir, lang);
    mkdirSync(dir, { recursive: true });
    const save = async (page: Page, name: string, fullPage = true) => {
      const path = join(dir, `${name}${scale === 1 ? '' : `@${scale}x`}.png`) as `${string}.png`;
      await new Promise((r) => setTimeout(r, 300));
      await page.screenshot({ path, fullPage });
      written.push(path);
    };

    const shop = await session.browser.newPage();
    await shop.setViewport({ width: 1280, height: 720, deviceScaleFactor: scale });
    await shop.goto('http://www.coupang.com/');
    if (!(await waitForNotice(shop))) throw new Error('no notice on the Coupang replica');
    await save(shop, 'notice', false);

    const popup = await openPopup(session, shop);
    // A popup's window cannot be resized or rescaled: it is captured at its own size and scale.
    await save(popup, 'popup');
    await popup.close();
    await shop.close();

    for (const [path, name] of [['options.html', 'options'], ['exposures.html', 'exposures']] as const) {
      const page = await session.browser.newPage();
      await page.setViewport({ width: 960, height: 900, deviceScaleFactor: scale });
      await page.goto(`chrome-extension://${session.extensionId}/${path}`);
      await page.waitForSelector('[data-state]:not([data-state="loading"]), main');
      await save(page, name);
      await page.close();
    }
  }
} finally {
  await session.close();
  await server.close();
}
console.log(`Wrote ${written.length} screenshots:`);
for (const f of written) console.log(`  ${f}`);
