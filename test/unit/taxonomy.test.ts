// Every data class in the built feed maps onto a canonical detail (an explicit `other` with a
// reason counts), and every detail a person can hold has a name and remediation steps.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedDocument } from '@/utils/feed/schema';
import {
  CANONICAL_DETAILS,
  COMMON_PROFILE_DETAILS,
  DATA_CLASS_DETAIL,
  OTHER_DATA_CLASSES,
  PROFILE_DETAILS,
  detailMessageKey,
  detailOf,
} from '@/utils/taxonomy/details';
import { DETAIL_PRIORITY, detailsWithSteps } from '@/utils/remediation/catalog';

const feed = FeedDocument.parse(JSON.parse(readFileSync('public/feed/feed.json', 'utf8')));
const classes = [...new Set(feed.breaches.flatMap((b) => [...b.dataClasses, ...b.notExposed]))].sort();
const messages = (lang: string) => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>;

/** Classes mapped to a real detail / all classes in the feed, for the record. */
function coverage(): { mapped: number; other: number; total: number } {
  const mapped = classes.filter((c) => Object.hasOwn(DATA_CLASS_DETAIL, c) && DATA_CLASS_DETAIL[c] !== 'other').length;
  const other = classes.filter((c) => Object.hasOwn(OTHER_DATA_CLASSES, c)).length;
  return { mapped, other, total: classes.length };
}

describe('data-class taxonomy', () => {
  it('maps every data class and not-exposed class in the built feed (or sends it to `other` with a reason)', () => {
    const unmapped = classes.filter((c) => !Object.hasOwn(DATA_CLASS_DETAIL, c) && !Object.hasOwn(OTHER_DATA_CLASSES, c));
    expect(unmapped, `unmapped data classes: ${unmapped.join(', ')}`).toEqual([]);
    const { mapped, other, total } = coverage();
    expect(mapped + other).toBe(total);
    // Printed for the closing note; at least nine in ten classes name a real detail.
    console.info(`data-class coverage: ${mapped}/${total} mapped to a real detail (${((100 * mapped) / total).toFixed(1)}%), ${other} to other with a reason`);
    expect(mapped / total).toBeGreaterThan(0.9);
  });

  it('never lists a class in both maps, gives every `other` a reason, and maps only to known details', () => {
    for (const c of Object.keys(OTHER_DATA_CLASSES)) {
      expect(Object.hasOwn(DATA_CLASS_DETAIL, c), c).toBe(false);
      expect(OTHER_DATA_CLASSES[c].length, c).toBeGreaterThan(10);
      expect(detailOf(c)).toBe('other');
    }
    for (const d of Object.values(DATA_CLASS_DETAIL)) expect(CANONICAL_DETAILS).toContain(d);
  });

  it('names every detail in English and Korean, ranks every detail, and has steps for every detail a person can hold', () => {
    const en = messages('en');
    const ko = messages('ko');
    for (const d of CANONICAL_DETAILS) {
      expect(en[detailMessageKey(d)]?.message, d).toBeTruthy();
      expect(ko[detailMessageKey(d)]?.message, d).toBeTruthy();
      expect(DETAIL_PRIORITY, d).toContain(d);
    }
    expect(new Set(DETAIL_PRIORITY).size).toBe(DETAIL_PRIORITY.length);
    expect(detailsWithSteps().sort()).toEqual([...PROFILE_DETAILS].filter((d) => d !== 'gender').sort());
    expect(PROFILE_DETAILS).not.toContain('other');
    for (const d of COMMON_PROFILE_DETAILS) expect(PROFILE_DETAILS).toContain(d);
  });
});
