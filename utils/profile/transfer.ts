/**
 * Export, import and deletion of everything the user stored (DESIGN.md: "Everything can be
 * exported and deleted"). Import never overwrites without the user's confirmation: the page
 * shows `diffImport`'s summary first and sends the data only after a click.
 */
import type { ProfileDetail } from '@/utils/taxonomy/details';
import { PROFILE_DETAILS } from '@/utils/taxonomy/details';
import { userDb } from './user-db';
import { guardWrite } from '@/utils/db/storage-error';
import { runTransaction } from '@/utils/db/connection';
import { detailSet } from '@/utils/assessment/assess';
import {
  USER_DATA_FORMAT,
  USER_DATA_VERSION,
  UserDataExport,
  type ChecklistEntry,
  type SiteProfile,
  type WarnedSite,
} from './types';

/** What is stored here now, in the export's shape (without the envelope). */
export interface UserDataSnapshot {
  profile: SiteProfile[];
  checklist: ChecklistEntry[];
  warned: WarnedSite[];
  dismissals: Record<string, string[]>;
}

/** Read the user database (dismissals come from settings, passed in). */
export async function snapshotUserData(dismissals: Record<string, string[]>): Promise<UserDataSnapshot> {
  const db = await userDb();
  const [profile, checklist, warned] = await Promise.all([db.getAll('profile'), db.getAll('checklist'), db.getAll('warned')]);
  return { profile, checklist, warned, dismissals };
}

/** The export document for a snapshot; `now` is epoch ms. */
export function toExport(snapshot: UserDataSnapshot, now: number): UserDataExport {
  return {
    format: USER_DATA_FORMAT,
    version: USER_DATA_VERSION,
    exported: new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    ...snapshot,
  };
}

export type ParseResult = { ok: true; data: UserDataExport } | { ok: false; errors: string[] };

/** How many problems a failed import lists (the rest are summarised as a count). */
const MAX_ERRORS = 8;

/**
 * Parse and validate an import file's text. Errors name the bad place as a path
 * (`profile.2.details.0.detail: expected one of name, email, ...`).
 */
export function parseUserDataFile(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = UserDataExport.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  const errors = issues.slice(0, MAX_ERRORS);
  if (issues.length > MAX_ERRORS) errors.push(`… and ${issues.length - MAX_ERRORS} more`);
  return { ok: false, errors };
}

export interface ImportDiff {
  /** Sites not stored here yet, with the details the file gives them. */
  addedSites: { site: string; details: ProfileDetail[] }[];
  /** Sites stored here whose details the file replaces. */
  changedSites: { site: string; added: ProfileDetail[]; removed: ProfileDetail[] }[];
  unchangedSites: string[];
  /** Sites stored here that the file does not mention: left as they are. */
  keptSites: string[];
  checklistNew: number;
  /** Ticks stored here that the file flips. */
  checklistChanged: number;
  warnedNew: number;
  dismissalsNew: number;
  /** Applying would change something already stored here. */
  overwrites: boolean;
  /** Applying would change nothing at all. */
  empty: boolean;
}

const key = (e: ChecklistEntry) => `${e.site}\n${e.breachId}\n${e.stepId}`;
const inOrder = (set: Set<ProfileDetail>) => PROFILE_DETAILS.filter((d) => set.has(d));

/** What importing `incoming` over `current` would do (sites in the file replace stored ones). */
export function diffImport(current: UserDataSnapshot, incoming: UserDataExport): ImportDiff {
  const stored = new Map(current.profile.map((p) => [p.site, p]));
  const diff: ImportDiff = {
    addedSites: [],
    changedSites: [],
    unchangedSites: [],
    keptSites: [],
    checklistNew: 0,
    checklistChanged: 0,
    warnedNew: 0,
    dismissalsNew: 0,
    overwrites: false,
    empty: false,
  };
  for (const p of incoming.profile) {
    const had = stored.get(p.site);
    const next = detailSet(p);
    if (!had) {
      diff.addedSites.push({ site: p.site, details: inOrder(next) });
      continue;
    }
    const before = detailSet(had);
    const added = inOrder(new Set([...next].filter((d) => !before.has(d))));
    const removed = inOrder(new Set([...before].filter((d) => !next.has(d))));
    if (added.length || removed.length) diff.changedSites.push({ site: p.site, added, removed });
    else diff.unchangedSites.push(p.site);
  }
  const mentioned = new Set(incoming.profile.map((p) => p.site));
  diff.keptSites = current.profile.map((p) => p.site).filter((s) => !mentioned.has(s)).sort();

  const ticks = new Map(current.checklist.map((e) => [key(e), e.done]));
  for (const e of incoming.checklist) {
    const had = ticks.get(key(e));
    if (had === undefined) diff.checklistNew += 1;
    else if (had !== e.done) diff.checklistChanged += 1;
  }
  const warned = new Set(current.warned.map((w) => w.site));
  diff.warnedNew = incoming.warned.filter((w) => !warned.has(w.site)).length;
  for (const [site, ids] of Object.entries(incoming.dismissals)) {
    const had = new Set(current.dismissals[site] ?? []);
    diff.dismissalsNew += ids.filter((id) => !had.has(id)).length;
  }
  diff.overwrites = diff.changedSites.length > 0 || diff.checklistChanged > 0;
  diff.empty =
    !diff.overwrites && diff.addedSites.length === 0 && diff.checklistNew === 0 && diff.warnedNew === 0 && diff.dismissalsNew === 0;
  return diff;
}

/**
 * Write an import in one transaction: each site in the file replaces the stored one, checklist
 * entries are set, warned sites are added. (Dismissals live in settings: the caller merges them.)
 * @throws StorageError when a write is refused; the transaction aborts and nothing is imported.
 */
export function applyImport(data: UserDataExport): Promise<void> {
  return guardWrite('the imported data', async () => {
    const tx = (await userDb()).transaction(['profile', 'checklist', 'warned'], 'readwrite');
    // Each write's own failure aborts the transaction, and runTransaction reports it.
    const write = (request: Promise<unknown>) => void request.catch(() => undefined);
    await runTransaction(tx, async () => {
      for (const p of data.profile) write(tx.objectStore('profile').put(p));
      for (const e of data.checklist) write(tx.objectStore('checklist').put(e));
      const warned = tx.objectStore('warned');
      for (const w of data.warned) if (!(await warned.get(w.site))) write(warned.put(w));
    });
  });
}

/** Delete everything in the user database (profile, checklist, warned sites), all or nothing. @throws StorageError */
export function deleteUserData(): Promise<void> {
  return guardWrite('the deletion', async () => {
    const tx = (await userDb()).transaction(['profile', 'checklist', 'warned'], 'readwrite');
    await Promise.all([tx.objectStore('profile').clear(), tx.objectStore('checklist').clear(), tx.objectStore('warned').clear(), tx.done]);
  });
}
