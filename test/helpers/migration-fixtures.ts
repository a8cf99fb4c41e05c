/**
 * Migration fixtures (test/fixtures/migrations/): IndexedDB databases and storage.local as an
 * earlier version of the extension wrote them. A database fixture carries its own frozen schema
 * (stores, key paths, indexes) and is created from that with the raw IndexedDB API, never with
 * the current code's upgrade steps, so the current code meets it as it would on a user's disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MIGRATIONS_DIR = 'test/fixtures/migrations';

export interface StoreFixture {
  /** null for out-of-line keys: records are then `{ key, value }`. */
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
  records: unknown[];
}

export interface DatabaseFixture {
  database: string;
  version: number;
  stores: Record<string, StoreFixture>;
}

/** Versions with a fixture named `<prefix>-v<N>.json`, ascending. */
export function fixtureVersions(prefix: string): number[] {
  const pattern = new RegExp(`^${prefix}-v(\\d+)\\.json$`);
  return readdirSync(MIGRATIONS_DIR)
    .map((name) => pattern.exec(name)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function readFixture<T>(prefix: string, version: number): T {
  return JSON.parse(readFileSync(join(MIGRATIONS_DIR, `${prefix}-v${version}.json`), 'utf8')) as T;
}

const done = (request: IDBRequest | IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    if (request instanceof IDBTransaction) {
      request.oncomplete = () => resolve();
      request.onabort = request.onerror = () => reject(request.error);
    } else {
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    }
  });

/** Create the fixture's database at its version with its own schema, write its records, and close it. */
export async function installDatabase(fixture: DatabaseFixture): Promise<void> {
  const request = indexedDB.open(fixture.database, fixture.version);
  request.onupgradeneeded = () => {
    const database = request.result;
    for (const [name, store] of Object.entries(fixture.stores)) {
      const created = database.createObjectStore(name, { keyPath: store.keyPath ?? undefined, autoIncrement: store.autoIncrement });
      for (const index of store.indexes) created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
    }
  };
  await done(request);
  const database = request.result;
  const names = Object.keys(fixture.stores);
  const tx = database.transaction(names, 'readwrite');
  for (const name of names) {
    const store = fixture.stores[name];
    for (const record of store.records) {
      if (store.keyPath === null) {
        const { key, value } = record as { key: IDBValidKey; value: unknown };
        tx.objectStore(name).put(value, key);
      } else tx.objectStore(name).put(record);
    }
  }
  await done(tx);
  database.close();
}

/** A database's version and, per store, its key path and indexes (to compare with a fresh install). */
export async function describeDatabase(name: string): Promise<{ version: number; stores: Record<string, Omit<StoreFixture, 'records'>> }> {
  const request = indexedDB.open(name);
  await done(request);
  const database = request.result;
  const stores: Record<string, Omit<StoreFixture, 'records'>> = {};
  const list = [...database.objectStoreNames];
  if (list.length) {
    const tx = database.transaction(list, 'readonly');
    for (const storeName of list) {
      const store = tx.objectStore(storeName);
      stores[storeName] = {
        keyPath: store.keyPath as string | string[] | null,
        autoIncrement: store.autoIncrement,
        indexes: [...store.indexNames].map((indexName) => {
          const index = store.index(indexName);
          return { name: indexName, keyPath: index.keyPath as string | string[], unique: index.unique, multiEntry: index.multiEntry };
        }),
      };
    }
  }
  const version = database.version;
  database.close();
  return { version, stores };
}
