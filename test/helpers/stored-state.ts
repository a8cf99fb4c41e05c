/**
 * Everything the background keeps, read back in one comparable object: storage.local, .session
 * and .sync, both IndexedDB databases (the feed's and the user's), the registered content scripts,
 * alarms and opened tabs. Tests take one before and one after an action that must change nothing.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeDb, db } from '@/utils/db/feed-store';
import { closeUserDb, userDb, USER_DB_NAME } from '@/utils/profile/user-db';
import { DB_NAME } from '@/utils/db/feed-store';

export interface StoredState {
  local: Record<string, unknown>;
  session: Record<string, unknown>;
  sync: Record<string, unknown>;
  feed: { breaches: unknown[]; meta: unknown };
  user: { profile: unknown[]; checklist: unknown[]; warned: unknown[] };
  scripts: unknown[];
  alarms: unknown[];
  tabsCreated: string[];
}

/** Read everything; `env` is what test/helpers/fake-apis.ts `testBrowser` returned. */
export async function storedState(env: {
  scripting: { scripts: Map<string, unknown> };
  created: string[];
}): Promise<StoredState> {
  const [feedDb, user] = await Promise.all([db(), userDb()]);
  const [local, session, sync, breaches, meta, profile, checklist, warned, alarms] = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.session.get(null),
    fakeBrowser.storage.sync.get(null),
    feedDb.getAll('breaches'),
    feedDb.get('meta', 'feed'),
    user.getAll('profile'),
    user.getAll('checklist'),
    user.getAll('warned'),
    fakeBrowser.alarms.getAll(),
  ]);
  return {
    local,
    session,
    sync,
    feed: { breaches, meta: meta ?? null },
    user: { profile, checklist, warned },
    scripts: [...env.scripting.scripts.values()].map((s) => structuredClone(s)),
    alarms,
    tabsCreated: [...env.created],
  };
}

/** Delete one IndexedDB database and wait until it is gone. */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`deleting ${name} is blocked by an open connection`));
  });
}

/** Close both lazily opened connections and delete both databases (a fresh install). */
export async function deleteAllDatabases(): Promise<void> {
  await closeDb();
  await closeUserDb();
  await deleteDatabase(DB_NAME);
  await deleteDatabase(USER_DB_NAME);
}
