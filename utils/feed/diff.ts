/**
 * What changed between two feeds, by breach id (pure; used by the builder's report and by the
 * sync to decide whom to notify).
 */
import type { BreachRecord } from './schema';

export interface FeedDiff {
  /** Ids only in the new feed, sorted. */
  added: string[];
  /** Ids in both whose records differ in any field, sorted. */
  updated: string[];
  /** Ids only in the old feed, sorted. */
  removed: string[];
}

/** Compare two breach lists by id; a record counts as updated when any field differs. */
export function diffBreaches(before: readonly BreachRecord[], after: readonly BreachRecord[]): FeedDiff {
  const old = new Map(before.map((b) => [b.id, b]));
  const seen = new Set<string>();
  const added: string[] = [];
  const updated: string[] = [];
  for (const b of after) {
    seen.add(b.id);
    const previous = old.get(b.id);
    if (!previous) added.push(b.id);
    else if (canonical(previous) !== canonical(b)) updated.push(b.id);
  }
  const removed = before.filter((b) => !seen.has(b.id)).map((b) => b.id);
  return { added: added.sort(), updated: updated.sort(), removed: removed.sort() };
}

/**
 * True when publishing `diff` would drop more than `maxShare` (0..1) of the `previousCount`
 * breaches. An empty previous feed never trips it.
 */
export function dropsTooMany(diff: FeedDiff, previousCount: number, maxShare: number): boolean {
  return previousCount > 0 && diff.removed.length / previousCount > maxShare;
}

/** JSON with keys sorted, so two records that differ only in key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
