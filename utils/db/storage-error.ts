/**
 * A write the browser refused, as one typed error the pages can put into words. IndexedDB
 * reports a full disk or origin quota as a `QuotaExceededError` DOMException (on the request or
 * as the aborted transaction's error); Firefox may name it `NS_ERROR_DOM_QUOTA_REACHED`;
 * `storage.local` rejects with "QUOTA_BYTES quota exceeded" (Chrome) or a "quota" message.
 *
 * The background answers pages through runtime messaging, which carries only an error's
 * message, so the kind travels as the message's first word: `storage-full: …` or
 * `storage-failed: …`. `storageProblemOf` reads it back on either side.
 */

/** `full`: the device's storage or the browser's quota is used up; `failed`: any other refused write. */
export type StorageProblem = 'full' | 'failed';

const PREFIX: Record<StorageProblem, string> = { full: 'storage-full', failed: 'storage-failed' };

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly problem: StorageProblem,
    /** What was being written, e.g. `checklist`, `profile`, `feed` (for the log). */
    readonly what: string,
    cause: unknown,
  ) {
    super(`${PREFIX[problem]}: could not save ${what}: ${describe(cause)}`, { cause });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException)) {
    const e = error as Error;
    return e.message ? `${e.name}: ${e.message}` : e.name;
  }
  return String(error);
}

/** True for the ways browsers say "no space": quota errors of IndexedDB and storage.local. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  return typeof message === 'string' && /QUOTA_BYTES|quota\s*(exceeded|reached)|QuotaExceededError|no space left/i.test(message);
}

/** The error as a StorageError (kept as it is when it already is one). */
export function toStorageError(error: unknown, what: string): StorageError {
  if (error instanceof StorageError) return error;
  return new StorageError(isQuotaError(error) ? 'full' : 'failed', what, error);
}

/**
 * Run a write; any failure comes out as a StorageError. The write itself must be all-or-nothing
 * (one IndexedDB transaction, one `storage.local` set), so a failure leaves what was stored.
 */
export async function guardWrite<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw toStorageError(error, what);
  }
}

/**
 * The storage problem behind an error: a StorageError here, its message after it crossed
 * runtime messaging, or a raw quota error (a page writing a storage item itself). null for
 * every other error.
 */
export function storageProblemOf(error: unknown): StorageProblem | null {
  if (error instanceof StorageError) return error.problem;
  if (isQuotaError(error)) return 'full';
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  if (typeof message !== 'string') return null;
  if (message.startsWith(`${PREFIX.full}:`)) return 'full';
  if (message.startsWith(`${PREFIX.failed}:`)) return 'failed';
  return null;
}
