/** Checklist progress from stored entries (pure; the store is ./store.ts). */
import type { ChecklistEntry } from '@/utils/profile/types';

/** `breachId` -> ids of the steps ticked done, for one site's entries. */
export function tickedByBreach(entries: readonly ChecklistEntry[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!e.done) continue;
    const set = out.get(e.breachId) ?? new Set<string>();
    set.add(e.stepId);
    out.set(e.breachId, set);
  }
  return out;
}

/** A checklist after ticking or unticking one step (for optimistic UI updates). */
export function withStep(entries: readonly ChecklistEntry[], next: ChecklistEntry): ChecklistEntry[] {
  const same = (e: ChecklistEntry) => e.site === next.site && e.breachId === next.breachId && e.stepId === next.stepId;
  return [...entries.filter((e) => !same(e)), next];
}
