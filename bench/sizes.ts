/**
 * Size budgets of the built extension (run after `npm run build`): prints each file's raw and
 * gzip size and exits non-zero when a budgeted file is over. `npm run bench:size`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', '.output', 'chrome-mv3');
/** Budgets in gzip bytes. The notice script runs on every visit to a breached site. */
const BUDGETS: Record<string, number> = {
  'notice.js': 5 * 1024,
  // The opt-in form observer runs on every page of a breached site while the user has it on.
  'observer.js': 3 * 1024,
};
const FILES = ['notice.js', 'observer.js', 'background.js', 'feed/feed.json'];

if (!existsSync(DIR)) {
  console.error(`no build at ${DIR}: run npm run build first`);
  process.exit(2);
}
let over = false;
for (const f of FILES) {
  const raw = readFileSync(join(DIR, f));
  const gz = gzipSync(raw, { level: 9 }).length;
  const budget = BUDGETS[f];
  const verdict = budget === undefined ? '' : gz <= budget ? `  within ${budget} B budget` : `  OVER ${budget} B budget`;
  if (budget !== undefined && gz > budget) over = true;
  console.log(`${f.padEnd(16)} ${String(raw.length).padStart(9)} B raw ${String(gz).padStart(8)} B gzip${verdict}`);
}
process.exit(over ? 1 : 0);
