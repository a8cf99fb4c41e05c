/**
 * The user's own database (idb): its OWN IndexedDB database, separate from the breach feed's
 * (utils/db/feed-store.ts), so a feed swap, however it goes, can never touch what the user stored.
 * One lazily opened connection, versioned upgrades.
 *
 * Stores:
 * - `profile`: SiteProfile by `site` (registrable domain): the details the user gave that site.
 * - `checklist`: ChecklistEntry by `[site, breachId, stepId]`, indexed `by-site`.
 * - `warned`: WarnedSite by `site`: breached sites where the extension warned the user (for
 *   "All my exposures"); never written from private tabs.
 *
 * Nothing here ever holds a form field's value: observation records detail *kinds* only.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { lazyDb } from '@/utils/db/connection';
import type { ChecklistEntry, SiteProfile, WarnedSite } from './types';

export const USER_DB_NAME = 'exposure-watch-user';
export const USER_DB_VERSION = 1;

export type ChecklistKey = [site: string, breachId: string, stepId: string];

export interface UserSchema extends DBSchema {
  profile: { key: string; value: SiteProfile };
  checklist: { key: ChecklistKey; value: ChecklistEntry; indexes: { 'by-site': string } };
  warned: { key: string; value: WarnedSite };
}

const connection = lazyDb<UserSchema>(USER_DB_NAME, USER_DB_VERSION, (database, oldVersion) => {
  // Each step is idempotent and runs once per version crossed.
  if (oldVersion < 1) {
    database.createObjectStore('profile', { keyPath: 'site' });
    const checklist = database.createObjectStore('checklist', { keyPath: ['site', 'breachId', 'stepId'] });
    checklist.createIndex('by-site', 'site');
    database.createObjectStore('warned', { keyPath: 'site' });
  }
});

/** The shared connection, opened (and upgraded) on first use. */
export const userDb = (): Promise<IDBPDatabase<UserSchema>> => connection.get();

/** Close and forget the connection (tests; and before deleting the database). */
export const closeUserDb = (): Promise<void> => connection.close();
