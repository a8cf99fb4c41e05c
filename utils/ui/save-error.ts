/**
 * Which message a page shows for a failed save. A full disk (the browser's quota) gets its own
 * words, since the user can do something about it; every other failure the general one.
 */
import { storageProblemOf } from '@/utils/db/storage-error';

/**
 * @param error what `send` (or a storage item's `setValue`) rejected with
 * @returns a message key: `full` when the browser ran out of space, else `other`
 */
export function saveFailureKey(error: unknown, keys: { full: string; other: string } = { full: 'saveFailedFull', other: 'saveFailed' }): string {
  return storageProblemOf(error) === 'full' ? keys.full : keys.other;
}
