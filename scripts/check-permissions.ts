/**
 * Compares what the built extensions ask the browser for with permissions-allowlist.json, exactly:
 * a permission, host pattern, content-script match, web-accessible resource or external
 * connection that is not listed fails, and so does a listed one the build no longer asks for.
 * Also checks that docs/permissions.md explains every listed permission and host pattern, and
 * that no production build carries the test suite's feed key (test/fixtures/feed-test-key.json):
 * only `wxt build --mode e2e` may accept it.
 * Run after `npm run build && npm run build:firefox` (npm test does).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparePermissions, manifestEntries, undocumented, type AllowList, type TargetAllowList } from './lib/manifest-permissions';

const ROOT = join(import.meta.dirname, '..');
const allowList = JSON.parse(readFileSync(join(ROOT, 'permissions-allowlist.json'), 'utf8')) as AllowList;
const doc = readFileSync(join(ROOT, 'docs', 'permissions.md'), 'utf8');
const testKey = (JSON.parse(readFileSync(join(ROOT, 'test/fixtures/feed-test-key.json'), 'utf8')) as { publicKey: string }).publicKey;
const targets = Object.keys(allowList).filter((k) => !k.startsWith('$'));

const problems: string[] = [];
for (const target of targets) {
  const path = join(ROOT, '.output', target, 'manifest.json');
  if (!existsSync(path)) {
    problems.push(`${target}: no ${join('.output', target, 'manifest.json')}; build first (npm run build && npm run build:firefox)`);
    continue;
  }
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Parameters<typeof manifestEntries>[0];
  const allowed = allowList[target] as TargetAllowList;
  const found = comparePermissions(target, manifest, allowed);
  problems.push(...found);
  if (!found.length) {
    const counts = Object.entries(manifestEntries(manifest)).map(([k, v]) => `${v.length} ${k}`);
    console.log(`${target}: matches permissions-allowlist.json (${counts.join(', ')})`);
  }
  for (const entry of undocumented(allowed, doc)) problems.push(`${target}: docs/permissions.md does not explain ${entry} (name it in backticks)`);
  const withTestKey = readdirSync(join(ROOT, '.output', target), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js') && readFileSync(join(ROOT, '.output', target, f), 'utf8').includes(testKey));
  if (withTestKey.length) problems.push(`${target}: ${withTestKey.join(', ')} carries the test feed key; only the e2e build may accept it`);
}
if (process.env.FEED_URL && problems.some((p) => p.includes('host_permissions'))) {
  problems.push(`FEED_URL is set (${process.env.FEED_URL}): its origin is a required host permission, so a build for another feed host needs its own allow-list entry`);
}
for (const p of problems) console.error(`  ${p}`);
process.exit(problems.length ? 1 : 0);
