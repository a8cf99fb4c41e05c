/**
 * One lazily opened IndexedDB connection per database (idb). The first call opens and upgrades;
 * later calls share the connection. A newer version elsewhere (another extension page after an
 * update) gets the connection closed for its upgrade, and the next call reopens. A failed open
 * is forgotten, so the next call tries again.
 */
import { openDB, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';

export interface LazyDb<S extends DBSchema> {
  /** The shared connection. @throws the open error (e.g. a private-mode or disk failure). */
  get(): Promise<IDBPDatabase<S>>;
  /** Close and forget the connection (tests; before deleting the database). */
  close(): Promise<void>;
}

/** @param upgrade idempotent steps, each guarded by `oldVersion < N`. */
export function lazyDb<S extends DBSchema>(name: string, version: number, upgrade: OpenDBCallbacks<S>['upgrade']): LazyDb<S> {
  let connection: Promise<IDBPDatabase<S>> | null = null;
  return {
    get() {
      connection ??= openDB<S>(name, version, {
        upgrade,
        blocking() {
          void connection?.then((c) => c.close());
          connection = null;
        },
      }).catch((error: unknown) => {
        connection = null;
        throw error;
      });
      return connection;
    },
    async close() {
      const c = connection;
      connection = null;
      if (c) (await c).close();
    },
  };
}

/**
 * Run `body` in a transaction and wait for the commit. On any failure (a refused request, an
 * exception in `body`, an abort) the whole transaction is aborted, nothing of it stays, and the
 * promise rejects with the transaction's error when it has one (e.g. a QuotaExceededError), else
 * with the thrown error. The transaction's own `done` is always awaited, so no rejection goes
 * unobserved. Requests `body` does not await must handle their own rejection.
 */
export async function runTransaction<T>(tx: { readonly done: Promise<void>; readonly error: DOMException | null; abort(): void }, body: () => Promise<T>): Promise<T> {
  const done = tx.done;
  // Observed at once: an abort can settle it while `body` still awaits something else.
  done.catch(() => undefined);
  let result: T;
  try {
    result = await body();
  } catch (error) {
    try {
      if (!tx.error) tx.abort();
    } catch {
      // Already committed or aborted.
    }
    await done.catch(() => undefined);
    throw tx.error ?? error;
  }
  await done;
  return result;
}
