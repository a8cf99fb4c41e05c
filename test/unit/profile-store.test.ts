// The user database: profile and checklist persist, live apart from the feed, and survive a feed swap.
import { beforeEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { addSite, getSiteProfile, listProfiles, listWarned, noteWarned, profileSites, recordObserved, removeSite, setDetail } from '@/utils/profile/store';
import { allChecklist, checklistFor, setStepDone } from '@/utils/checklist/store';
import { tickedByBreach } from '@/utils/checklist/progress';
import { closeUserDb, USER_DB_NAME } from '@/utils/profile/user-db';
import { closeDb, replaceFeed, DB_NAME } from '@/utils/db/feed-store';
import { FEED_FORMAT } from '@/utils/feed/schema';
import { makeBreach, NOW } from '../helpers/breach';

async function freshDbs() {
  await closeUserDb();
  await closeDb();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(USER_DB_NAME);
    r.onsuccess = r.onerror = () => resolve();
  });
}

beforeEach(freshDbs);

describe('profile store', () => {
  it('adds a site, toggles details as entered, and keeps them in canonical order', async () => {
    await addSite('coupang.com', NOW);
    await setDetail('coupang.com', 'phone', true, NOW + 1);
    await setDetail('coupang.com', 'email', true, NOW + 2);
    await setDetail('coupang.com', 'address', true, NOW + 3);
    await setDetail('coupang.com', 'phone', false, NOW + 4);
    const p = await getSiteProfile('coupang.com');
    expect(p).toEqual({
      site: 'coupang.com',
      details: [
        { detail: 'email', source: 'entered', at: NOW + 2 },
        { detail: 'address', source: 'entered', at: NOW + 3 },
      ],
      addedAt: NOW,
      updatedAt: NOW + 4,
    });
    expect(await addSite('coupang.com', NOW + 9)).toEqual(p); // idempotent
    expect(await profileSites()).toEqual(['coupang.com']);
  });

  it('records observed details without downgrading what the user entered', async () => {
    await setDetail('coupang.com', 'email', true, NOW);
    await recordObserved('coupang.com', ['name', 'email', 'phone'], NOW + 5);
    await recordObserved('coupang.com', ['phone'], NOW + 9);
    expect((await getSiteProfile('coupang.com'))?.details).toEqual([
      { detail: 'name', source: 'observed', at: NOW + 5 },
      { detail: 'email', source: 'entered', at: NOW },
      { detail: 'phone', source: 'observed', at: NOW + 9 },
    ]);
  });

  it('remove forgets the site, its checklist ticks and that it was warned on; other sites stay', async () => {
    await setDetail('coupang.com', 'email', true, NOW);
    await setDetail('kurly.com', 'email', true, NOW);
    await setStepDone('coupang.com', 'Coupang2025', 'phone.smishing', true, NOW);
    await setStepDone('kurly.com', 'X', 'phone.smishing', true, NOW);
    await noteWarned('coupang.com', NOW);
    await removeSite('coupang.com');
    expect(await getSiteProfile('coupang.com')).toBeNull();
    expect(await checklistFor('coupang.com')).toEqual([]);
    expect(await listWarned()).toEqual([]);
    expect((await listProfiles()).map((p) => p.site)).toEqual(['kurly.com']);
    expect(await checklistFor('kurly.com')).toHaveLength(1);
  });

  it('notes a warned site once, with the first time', async () => {
    await noteWarned('coupang.com', NOW);
    await noteWarned('coupang.com', NOW + 100);
    expect(await listWarned()).toEqual([{ site: 'coupang.com', at: NOW }]);
  });
});

describe('checklist store', () => {
  it('keeps a tick per site, breach and step, across a reopened connection', async () => {
    await setStepDone('coupang.com', 'Coupang2025', 'phone.smishing', true, NOW);
    await setStepDone('coupang.com', 'Coupang2025', 'email.phishing', true, NOW);
    await setStepDone('coupang.com', 'Coupang2025', 'email.phishing', false, NOW + 1);
    await setStepDone('coupang.com', 'Other2024', 'phone.smishing', true, NOW);
    await setStepDone('coupangeats.com', 'Coupang2025', 'phone.smishing', true, NOW);
    await closeUserDb(); // as when the popup closes and opens again
    const entries = await checklistFor('coupang.com');
    expect(entries).toHaveLength(3);
    const ticks = tickedByBreach(entries);
    expect([...ticks.get('Coupang2025')!]).toEqual(['phone.smishing']);
    expect([...ticks.get('Other2024')!]).toEqual(['phone.smishing']);
    expect(await allChecklist()).toHaveLength(4);
  });
});

describe('separate from the feed', () => {
  it('lives in its own database, and a feed swap leaves it alone', async () => {
    await setDetail('coupang.com', 'phone', true, NOW);
    await setStepDone('coupang.com', 'Coupang2025', 'phone.smishing', true, NOW);
    await replaceFeed(
      { format: FEED_FORMAT, sequence: 9, generated: '2026-11-29T00:00:00Z', attributions: [{ name: 'x', url: 'https://x.example/', licence: 'CC BY 4.0' }], breaches: [makeBreach()] },
      { etag: null, origin: 'sync', checkedAt: NOW, changedAt: NOW },
    );
    expect((await getSiteProfile('coupang.com'))?.details).toHaveLength(1);
    expect(await checklistFor('coupang.com')).toHaveLength(1);
    const feedDb = await openDB(DB_NAME);
    expect([...feedDb.objectStoreNames]).not.toContain('profile');
    feedDb.close();
    const userDb = await openDB(USER_DB_NAME);
    expect([...userDb.objectStoreNames].sort()).toEqual(['checklist', 'profile', 'warned']);
    userDb.close();
  });
});
