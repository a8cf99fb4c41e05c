/**
 * Remediation checklist state: one entry per site, breach and step (utils/remediation/catalog.ts
 * step ids are stable, so ticks survive catalog updates). Lives in the user database.
 */
import { userDb } from '@/utils/profile/user-db';
import { guardWrite } from '@/utils/db/storage-error';
import type { ChecklistEntry } from '@/utils/profile/types';

/** Tick (`done`) or untick a step of `breachId` on `site`. @throws StorageError when the write is refused (other ticks stay). */
export function setStepDone(site: string, breachId: string, stepId: string, done: boolean, now: number): Promise<ChecklistEntry> {
  const entry: ChecklistEntry = { site, breachId, stepId, done, at: now };
  return guardWrite('your checklist', async () => {
    await (await userDb()).put('checklist', entry);
    return entry;
  });
}

/** Every checklist entry of a site (ticked or not). */
export async function checklistFor(site: string): Promise<ChecklistEntry[]> {
  return (await userDb()).getAllFromIndex('checklist', 'by-site', site);
}

/** Every checklist entry. */
export async function allChecklist(): Promise<ChecklistEntry[]> {
  return (await userDb()).getAll('checklist');
}
