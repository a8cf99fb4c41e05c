/**
 * Feed builder CLI: `npm run feed:build [-- --sequence N] [--generated ISO] [--check]`.
 *
 * Reads feed-sources/hibp-breaches.json and feed-sources/curated-breaches.json (nothing outside
 * the repository), writes public/feed/feed.json and prints a report. `--check` builds in memory
 * and fails if the committed feed differs (CI proves the feed matches its sources).
 *
 * Exit codes: 0 ok; 1 a source is missing or not JSON, a curated record is invalid, a bad flag,
 * or (with --check) the committed feed is out of date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildFeed, chooseSequence, serialiseFeed, type BuildReport } from '../utils/feed/build';
import { sanitiseDescription } from './lib/sanitise';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HIBP_FILE = resolve(ROOT, 'feed-sources/hibp-breaches.json');
const CURATED_FILE = resolve(ROOT, 'feed-sources/curated-breaches.json');
const FEED_FILE = resolve(ROOT, 'public/feed/feed.json');

class CliError extends Error {}

function readJson(file: string): unknown {
  const name = relative(ROOT, file);
  if (!existsSync(file)) throw new CliError(`missing source file ${name}`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
}

function section(title: string, lines: string[]): void {
  if (lines.length === 0) return;
  console.log(`\n${title} (${lines.length}):`);
  for (const line of lines) console.log(`  ${line}`);
}

function printReport(report: BuildReport): void {
  console.log(`HIBP: ${report.hibpIn} in, ${report.dropped.length} dropped`);
  console.log(`curated: ${report.curatedIn} in, ${report.errors.length} invalid`);
  console.log(`breaches out: ${report.out}`);
  section('Repaired', report.repaired);
  section('Dropped', report.dropped);
  section('Merged', report.merged);
  section('Curated errors (bugs in our data)', report.errors);
}

function main(): void {
  const { values } = parseArgs({
    options: { sequence: { type: 'string' }, generated: { type: 'string' }, check: { type: 'boolean', default: false } },
    strict: true,
  });
  const explicitSequence = values.sequence === undefined ? undefined : Number(values.sequence);
  if (explicitSequence !== undefined && !(Number.isInteger(explicitSequence) && explicitSequence > 0)) {
    throw new CliError(`--sequence must be a positive integer, got ${values.sequence}`);
  }

  const sources = { hibp: readJson(HIBP_FILE), curated: readJson(CURATED_FILE) };
  const previous = existsSync(FEED_FILE) ? readFileSync(FEED_FILE, 'utf8') : null;
  const built = buildFeed(sources, { sanitise: sanitiseDescription, sequence: 1, generated: values.generated });
  printReport(built.report);
  if (built.report.errors.length) throw new CliError(`${built.report.errors.length} curated record(s) invalid: fix feed-sources/curated-breaches.json`);

  const minimum = chooseSequence(previous, built.document);
  if (explicitSequence !== undefined && explicitSequence < minimum) {
    throw new CliError(`--sequence ${explicitSequence} would not be accepted by clients: the feed needs at least ${minimum}`);
  }
  const document = { ...built.document, sequence: explicitSequence ?? minimum };
  const text = serialiseFeed(document);
  const bytes = Buffer.byteLength(text);
  console.log(`\nsequence ${document.sequence}, generated ${document.generated}`);
  console.log(`size ${bytes} bytes, gzip ${gzipSync(text, { level: 9 }).length} bytes`);

  if (values.check) {
    if (text !== previous) throw new CliError(`${relative(ROOT, FEED_FILE)} does not match feed-sources/: run npm run feed:build and commit the result`);
    console.log(`${relative(ROOT, FEED_FILE)} matches its sources`);
    return;
  }
  if (text === previous) console.log(`${relative(ROOT, FEED_FILE)} unchanged`);
  else {
    writeFileSync(FEED_FILE, text);
    console.log(`wrote ${relative(ROOT, FEED_FILE)}`);
  }
}

try {
  main();
} catch (error) {
  console.error(`feed:build failed: ${(error as Error).message}`);
  // A bad flag or bad data is explained by the message; anything else is a bug: show the stack.
  const expected = error instanceof CliError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  if (!expected) console.error(error);
  process.exitCode = 1;
}
