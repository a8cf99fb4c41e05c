/**
 * The profile: which canonical details the user gave each site, entered by hand or (opt-in)
 * observed as field kinds on a form submit. Keyed by registrable domain. See ./user-db.ts.
 */
import type { ProfileDetail } from '@/utils/taxonomy/details';
import { PROFILE_DETAILS } from '@/utils/taxonomy/details';
import { guardWrite } from '@/utils/db/storage-error';
import { runTransaction } from '@/utils/db/connection';
import { userDb } from './user-db';
import type { ProfileEntry, SiteProfile, WarnedSite } from './types';

const order = (a: ProfileEntry, b: ProfileEntry) => PROFILE_DETAILS.indexOf(a.detail) - PROFILE_DETAILS.indexOf(b.detail);

/** The profile of one site, or null when the user never recorded it. */
export async function getSiteProfile(site: string): Promise<SiteProfile | null> {
  return (await (await userDb()).get('profile', site)) ?? null;
}

/** Every site in the profile, by site name. */
export async function listProfiles(): Promise<SiteProfile[]> {
  return (await userDb()).getAll('profile');
}

/** Registrable domains in the profile (for the feed sync: "a new breach hit a site you use"). */
export async function profileSites(): Promise<string[]> {
  return (await userDb()).getAllKeys('profile');
}

/**
 * Read, change and write one site's profile in one transaction.
 * @throws StorageError when the write is refused (the stored profile stays as it was).
 */
function update(site: string, now: number, change: (details: ProfileEntry[]) => ProfileEntry[]): Promise<SiteProfile> {
  return guardWrite('your details', async () => {
    const tx = (await userDb()).transaction('profile', 'readwrite');
    return runTransaction(tx, async () => {
      const current = await tx.store.get(site);
      const next: SiteProfile = {
        site,
        details: change(current?.details ?? []).sort(order),
        addedAt: current?.addedAt ?? now,
        updatedAt: now,
      };
      await tx.store.put(next);
      return next;
    });
  });
}

/** Add a site with no details yet (idempotent: an existing site keeps its details). */
export async function addSite(site: string, now: number): Promise<SiteProfile> {
  const existing = await getSiteProfile(site);
  return existing ?? update(site, now, (d) => d);
}

/** The user says they did (`on`) or did not give `site` this detail; recorded as `entered`. */
export async function setDetail(site: string, detail: ProfileDetail, on: boolean, now: number): Promise<SiteProfile> {
  return update(site, now, (details) => {
    const rest = details.filter((d) => d.detail !== detail);
    return on ? [...rest, { detail, source: 'entered', at: now }] : rest;
  });
}

/**
 * Details seen (as kinds) in a form the user submitted on `site`. New ones are added as
 * `observed`; an observed one gets a fresh time; one the user entered stays `entered`.
 */
export async function recordObserved(site: string, observed: readonly ProfileDetail[], now: number): Promise<SiteProfile> {
  return update(site, now, (details) => {
    const byDetail = new Map(details.map((d) => [d.detail, d]));
    for (const detail of observed) {
      const had = byDetail.get(detail);
      if (!had || had.source === 'observed') byDetail.set(detail, { detail, source: 'observed', at: now });
    }
    return [...byDetail.values()];
  });
}

/** Forget a site: its profile, its checklist ticks and that it was warned on (all or nothing). @throws StorageError */
export function removeSite(site: string): Promise<void> {
  return guardWrite('your details', async () => {
    const tx = (await userDb()).transaction(['profile', 'checklist', 'warned'], 'readwrite');
    await runTransaction(tx, async () => {
      await tx.objectStore('profile').delete(site);
      await tx.objectStore('warned').delete(site);
      const index = tx.objectStore('checklist').index('by-site');
      for (let cursor = await index.openCursor(site); cursor; cursor = await cursor.continue()) await cursor.delete();
    });
  });
}

/** Note that the extension warned the user on `site` (first time only). @throws StorageError */
export function noteWarned(site: string, now: number): Promise<void> {
  return guardWrite('the sites you were warned on', async () => {
    const tx = (await userDb()).transaction('warned', 'readwrite');
    await runTransaction(tx, async () => {
      if (!(await tx.store.get(site))) await tx.store.put({ site, at: now });
    });
  });
}

/** Sites the user was warned on. */
export async function listWarned(): Promise<WarnedSite[]> {
  return (await userDb()).getAll('warned');
}
