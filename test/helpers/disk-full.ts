/**
 * A full disk, for fake-indexeddb and fakeBrowser's storage.local. In a browser a write past the
 * quota fails with a `QuotaExceededError` DOMException and its transaction aborts with that error
 * (everything the transaction wrote is rolled back); storage.local's `set` rejects with
 * "QUOTA_BYTES quota exceeded" (Chrome's words) and stores nothing.
 *
 * fake-indexeddb has no quota, so this patches its internal "store a record" step (every put and
 * add, from an object store or a cursor, goes through it): the request fails with the browser's
 * error and fake-indexeddb aborts the transaction as the standard says.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

export interface DiskFull {
  /** Writes refused so far. */
  readonly refused: number;
  /** Give the space back. */
  restore(): void;
}

type RawStore = { name: string; rawDatabase: { name: string }; storeRecord: (...args: unknown[]) => unknown };

let rawStorePrototype: RawStore | null = null;

/** fake-indexeddb's internal ObjectStore prototype, reached through a throwaway database. */
async function rawStore(): Promise<RawStore> {
  if (rawStorePrototype) return rawStorePrototype;
  const request = indexedDB.open('disk-full-probe', 1);
  request.onupgradeneeded = () => request.result.createObjectStore('probe');
  await new Promise((resolve, reject) => {
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
  });
  const store = request.result.transaction('probe').objectStore('probe') as unknown as { _rawObjectStore?: RawStore };
  request.result.close();
  const proto = store._rawObjectStore && Object.getPrototypeOf(store._rawObjectStore);
  if (!proto || typeof proto.storeRecord !== 'function') throw new Error('fake-indexeddb internals changed: no ObjectStore.storeRecord to patch');
  rawStorePrototype = proto as RawStore;
  return rawStorePrototype;
}

/** The error a browser gives for a write past the quota. */
export const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * Refuse IndexedDB writes until `restore()`.
 * @param opts.database only writes to this database (default: any)
 * @param opts.stores only writes to these object stores (default: any)
 * @param opts.after let this many matching writes through first (a disk that fills up mid-transaction)
 * @param opts.error what the write fails with (default: QuotaExceededError)
 */
export async function fillIndexedDb(opts: { database?: string; stores?: string[]; after?: number; error?: () => Error } = {}): Promise<DiskFull> {
  const proto = await rawStore();
  const original = proto.storeRecord;
  let allowed = opts.after ?? 0;
  let refused = 0;
  proto.storeRecord = function (this: RawStore, ...args: unknown[]) {
    // A transaction's own writes pass its rollback log; the rollback of an abort (putting back
    // what a write replaced) passes none and needs no new space.
    const write = args[2] !== undefined;
    const matches = write && (!opts.database || this.rawDatabase.name === opts.database) && (!opts.stores || opts.stores.includes(this.name));
    if (matches && allowed-- <= 0) {
      refused++;
      throw (opts.error ?? quotaError)();
    }
    return original.apply(this, args);
  };
  return {
    get refused() {
      return refused;
    },
    restore: () => {
      proto.storeRecord = original;
    },
  };
}

/** Refuse storage.local writes (chrome.storage.local.set) until `restore()`. */
export function fillStorageLocal(message = 'QUOTA_BYTES quota exceeded'): DiskFull {
  const area = fakeBrowser.storage.local;
  const original = area.set;
  let refused = 0;
  area.set = (async () => {
    refused++;
    throw new Error(message);
  }) as typeof area.set;
  return {
    get refused() {
      return refused;
    },
    restore: () => {
      area.set = original;
    },
  };
}
