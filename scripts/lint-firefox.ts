/**
 * Runs `web-ext lint` on the Firefox build and compares its findings with
 * web-ext-lint-expected.json: exits 1 on any error, on a warning not explained there, or on an
 * explained warning that no longer occurs. Run after `npm run build:firefox`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Finding { code: string; file?: string; message: string }
const ROOT = join(import.meta.dirname, '..');
const expected = (JSON.parse(readFileSync(join(ROOT, 'web-ext-lint-expected.json'), 'utf8')) as { warnings: { code: string; file: string }[] }).warnings;

/** "chunks/client-DtkNdNBn.js" -> "chunks/client.js": build hashes change with every edit. */
const unhash = (file = '') => file.replace(/-[A-Za-z0-9_]{8}(\.\w+)$/, '$1');
const key = (f: { code: string; file?: string }) => `${f.code} ${unhash(f.file)}`;

let out: string;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', join(ROOT, '.output', 'firefox-mv3'), '--output', 'json', '--self-hosted'], { encoding: 'utf8' });
} catch (error) {
  out = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(out) as { errors: Finding[]; warnings: Finding[]; notices: Finding[] };
const problems: string[] = [];
for (const e of report.errors) problems.push(`error: ${key(e)}: ${e.message}`);
const seen = new Set(report.warnings.map(key));
for (const w of report.warnings) if (!expected.some((x) => key(x) === key(w))) problems.push(`unexplained warning: ${key(w)}: ${w.message}`);
for (const x of expected) if (!seen.has(key(x))) problems.push(`explained warning no longer occurs (remove it): ${key(x)}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (all explained unless listed below), ${report.notices.length} notices`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
