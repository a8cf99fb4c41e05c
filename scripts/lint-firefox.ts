/**
 * Runs `web-ext lint` on the Firefox build and compares its findings with
 * web-ext-lint-expected.json: exits 1 on any error, on a warning no entry explains, or on an
 * entry that no longer matches any warning. Run after `npm run build:firefox`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Finding { code: string; file?: string; line?: number | null; column?: number | null; message: string }
interface Expected { code: string; file?: string; near?: string; why: string }

const ROOT = join(import.meta.dirname, '..');
const BUILD = join(ROOT, '.output', 'firefox-mv3');
const expected = (JSON.parse(readFileSync(join(ROOT, 'web-ext-lint-expected.json'), 'utf8')) as { warnings: Expected[] }).warnings;

/** The text around a finding (200 characters each side), to recognise which library it is in. */
function context(f: Finding): string {
  if (!f.file || !f.line || f.column == null) return '';
  const line = readFileSync(join(BUILD, f.file), 'utf8').split('\n')[f.line - 1] ?? '';
  return line.slice(Math.max(0, f.column - 200), f.column + 200);
}

const matches = (x: Expected, f: Finding) =>
  x.code === f.code && (x.file === undefined || x.file === f.file) && (x.near === undefined || context(f).includes(x.near));

let out: string;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', BUILD, '--output', 'json', '--self-hosted'], { encoding: 'utf8' });
} catch (error) {
  out = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(out) as { errors: Finding[]; warnings: Finding[]; notices: Finding[] };
const problems: string[] = [];
for (const e of report.errors) problems.push(`error: ${e.code} in ${e.file}: ${e.message}`);
for (const w of report.warnings) if (!expected.some((x) => matches(x, w))) problems.push(`unexplained warning: ${w.code} in ${w.file}: ${w.message}`);
for (const x of expected) {
  if (!report.warnings.some((w) => matches(x, w))) problems.push(`entry matches no warning any more (remove it): ${x.code} ${x.file ?? x.near}`);
}
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
for (const p of problems) console.log(`  ${p}`);
if (!problems.length) console.log('  every warning is explained in web-ext-lint-expected.json');
process.exit(problems.length ? 1 : 0);
