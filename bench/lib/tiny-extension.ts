/**
 * A purpose-built MV3 extension that mirrors Exposure Watch's start-up shape, with N match
 * patterns declared either statically (manifest `content_scripts`) or at run time
 * (`scripting.registerContentScripts` from the service worker at start, persisted across
 * sessions, only when not already registered, as utils/access/registration.ts does). Both
 * variants list the same N patterns as host permissions, so only where the patterns live differs.
 * The service worker listens to `tabs.onUpdated`, as ours does, so a navigation wakes it.
 * The content script asks the service worker once and marks the page (`data-bench-probe`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `static`: manifest content_scripts; `runtime`: registered by the service worker;
 * `permissions-only`: the N host permissions and no content script (separates the cost of the
 * permissions from the cost of the patterns).
 */
export type PatternMode = 'static' | 'runtime' | 'permissions-only';

/** Write the extension into `dir` (created). */
export function writeTinyExtension(dir: string, mode: PatternMode, patterns: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  const manifest: Record<string, unknown> = {
    manifest_version: 3,
    name: `bench-startup-${mode}-${patterns.length}`,
    version: '1.0.0',
    background: { service_worker: 'background.js' },
    permissions: ['scripting'],
    host_permissions: patterns,
  };
  if (mode === 'static' && patterns.length) manifest.content_scripts = [{ matches: patterns, js: ['probe.js'], run_at: 'document_idle' }];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  const runtime = mode === 'runtime' ? patterns : [];
  writeFileSync(
    join(dir, 'background.js'),
    `const PATTERNS = ${JSON.stringify(runtime)};
self.bench = { registerMs: null, registered: false };
chrome.runtime.onMessage.addListener((message, sender, reply) => { reply({ ok: true }); });
chrome.tabs.onUpdated.addListener(() => {});
self.bench.ready = (async () => {
  if (!PATTERNS.length) return;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: ['probe'] });
  if (existing.length) return;
  const t = performance.now();
  await chrome.scripting.registerContentScripts([{ id: 'probe', js: ['probe.js'], matches: PATTERNS, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true }]);
  self.bench.registerMs = performance.now() - t;
  self.bench.registered = true;
})();
`,
  );
  writeFileSync(
    join(dir, 'probe.js'),
    `chrome.runtime.sendMessage({ type: 'probe' }).then(() => document.documentElement.setAttribute('data-bench-probe', String(performance.now())));\n`,
  );
}
