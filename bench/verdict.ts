/**
 * How long the background takes to answer "which breaches does this page have?" from the real
 * bundled feed in IndexedDB (fake-indexeddb here: a pessimistic stand-in for the browser's), how
 * long matching alone takes, and the cost of parsing and storing the whole feed.
 * `npm run bench`. Prints the median and p95 of repeated runs; not a test.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { FeedDocument } from '../utils/feed/schema';
import { replaceFeed } from '../utils/db/feed-store';
import { siteReport } from '../utils/verdict/site-report';
import { candidateDomains, siteOf } from '../utils/match/site';
import { DEFAULT_ALERT_SETTINGS } from '../utils/policy/alert';

async function measure(name: string, runs: number, fn: () => unknown): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
  console.log(`${name.padEnd(48)} median ${q(0.5).padStart(9)} ms   p95 ${q(0.95).padStart(9)} ms   (${runs} runs)`);
}

const text = readFileSync('public/feed/feed.json', 'utf8');
const feed = FeedDocument.parse(JSON.parse(text));
await replaceFeed(feed, { etag: null, origin: 'bundled', checkedAt: 0, changedAt: 0 });
const URLS = ['https://www.coupang.com/np/search?q=x', 'https://login.coupang.com/', 'https://www.kurly.com/', 'https://shop.tworld.co.kr/', 'https://www.carnival.com/'];
const ctx = { now: Date.parse('2026-11-29T00:00:00Z'), settings: DEFAULT_ALERT_SETTINGS, dismissals: {} };

console.log(`feed: ${feed.breaches.length} breaches, ${text.length} bytes`);
await measure('siteOf + candidateDomains, per URL', 2000, () => {
  const k = siteOf(URLS[0]);
  return k && candidateDomains(k);
});
await measure('siteReport from IndexedDB, per URL', 500, () => siteReport(URLS[0], ctx));
await measure('siteReport, unaffected site, per URL', 500, () => siteReport(URLS[2], ctx));
await measure('JSON.parse + FeedDocument.parse (whole feed)', 10, () => FeedDocument.parse(JSON.parse(text)));
await measure('replaceFeed (one transaction, whole feed)', 5, () =>
  replaceFeed(feed, { etag: null, origin: 'bundled', checkedAt: 0, changedAt: 0 }),
);
