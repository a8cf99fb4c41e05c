// Export / import / delete: zod validation with paths, the confirmation diff, and applying.
import { beforeEach, describe, expect, it } from 'vitest';
import { applyImport, deleteUserData, diffImport, parseUserDataFile, snapshotUserData, toExport, type UserDataSnapshot } from '@/utils/profile/transfer';
import { getSiteProfile, listProfiles, listWarned, noteWarned, setDetail } from '@/utils/profile/store';
import { allChecklist, setStepDone } from '@/utils/checklist/store';
import { closeUserDb, USER_DB_NAME } from '@/utils/profile/user-db';
import type { SiteProfile, UserDataExport } from '@/utils/profile/types';
import { NOW } from '../helpers/breach';

const profile = (site: string, details: SiteProfile['details'][number]['detail'][]): SiteProfile => ({
  site,
  details: details.map((detail) => ({ detail, source: 'entered', at: NOW })),
  addedAt: NOW,
  updatedAt: NOW,
});

const file = (over: Partial<UserDataExport> = {}): UserDataExport => ({
  format: 'exposure-watch-user-data',
  version: 1,
  exported: '2026-11-29T12:00:00Z',
  profile: [profile('coupang.com', ['email', 'phone'])],
  checklist: [{ site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.smishing', done: true, at: NOW }],
  warned: [{ site: 'coupang.com', at: NOW }],
  dismissals: { 'coupang.com': ['Coupang2025'] },
  ...over,
});

beforeEach(async () => {
  await closeUserDb();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(USER_DB_NAME);
    r.onsuccess = r.onerror = () => resolve();
  });
});

describe('parsing an import file', () => {
  it('accepts an export', () => {
    const parsed = parseUserDataFile(JSON.stringify(file()));
    expect(parsed).toEqual({ ok: true, data: file() });
  });

  it('rejects text that is not JSON, saying so', () => {
    const parsed = parseUserDataFile('{"format": "exposure-watch-user-data",');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[0]).toMatch(/^not valid JSON: /);
  });

  it('names the path of every bad field', () => {
    const bad = file();
    const raw = JSON.parse(JSON.stringify(bad)) as Record<string, unknown>;
    (raw.profile as Record<string, unknown>[])[0].site = 'https://www.coupang.com/';
    ((raw.profile as Record<string, unknown>[])[0].details as Record<string, unknown>[])[1].detail = 'shoe size';
    (raw.checklist as Record<string, unknown>[])[0].done = 'yes';
    const parsed = parseUserDataFile(JSON.stringify(raw));
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors).toContain('profile.0.site: expected a registrable domain such as coupang.com (lower case, no www., no scheme)');
    expect(errors.find((e) => e.startsWith('profile.0.details.1.detail: expected one of name, email,'))).toBeTruthy();
    expect(errors.find((e) => e.startsWith('checklist.0.done:'))).toBeTruthy();
  });

  it('rejects another file format, unknown fields and a site listed twice', () => {
    const other = parseUserDataFile(JSON.stringify({ ...file(), format: 'something-else' }));
    expect(!other.ok && other.errors[0]).toBe('format: expected "exposure-watch-user-data" (is this an Exposure Watch export?)');
    const extra = parseUserDataFile(JSON.stringify({ ...file(), passwords: ['hunter2'] }));
    expect(!extra.ok && extra.errors.join('\n')).toMatch(/passwords/);
    const twice = parseUserDataFile(JSON.stringify(file({ profile: [profile('coupang.com', []), profile('coupang.com', ['email'])] })));
    expect(!twice.ok && twice.errors).toEqual(['profile.1.site: coupang.com appears twice']);
    const array = parseUserDataFile('[]');
    expect(!array.ok && array.errors[0]).toMatch(/^\(top level\): /);
  });
});

describe('the confirmation diff', () => {
  const current: UserDataSnapshot = {
    profile: [profile('coupang.com', ['email', 'address']), profile('kurly.com', ['phone']), profile('gs25.com', ['name'])],
    checklist: [
      { site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.smishing', done: false, at: NOW },
      { site: 'coupang.com', breachId: 'Coupang2025', stepId: 'email.phishing', done: true, at: NOW },
    ],
    warned: [],
    dismissals: {},
  };

  it('shows added, replaced, unchanged and kept sites, and checklist changes, and flags overwrites', () => {
    const incoming = file({
      profile: [profile('coupang.com', ['email', 'phone']), profile('gs25.com', ['name']), profile('11st.co.kr', ['address'])],
      checklist: [
        { site: 'coupang.com', breachId: 'Coupang2025', stepId: 'phone.smishing', done: true, at: NOW },
        { site: 'coupang.com', breachId: 'Coupang2025', stepId: 'email.phishing', done: true, at: NOW },
        { site: 'coupang.com', breachId: 'Coupang2025', stepId: 'general.kisa-118', done: true, at: NOW },
      ],
    });
    expect(diffImport(current, incoming)).toEqual({
      addedSites: [{ site: '11st.co.kr', details: ['address'] }],
      changedSites: [{ site: 'coupang.com', added: ['phone'], removed: ['address'] }],
      unchangedSites: ['gs25.com'],
      keptSites: ['kurly.com'],
      checklistNew: 1,
      checklistChanged: 1,
      warnedNew: 1,
      dismissalsNew: 1,
      overwrites: true,
      empty: false,
    });
  });

  it('says when an import only adds, and when it changes nothing', () => {
    const adding = diffImport(current, file({ profile: [profile('11st.co.kr', [])], checklist: [], warned: [], dismissals: {} }));
    expect(adding).toMatchObject({ overwrites: false, empty: false, addedSites: [{ site: '11st.co.kr', details: [] }] });
    const same = diffImport(current, file({ profile: [profile('kurly.com', ['phone'])], checklist: [], warned: [], dismissals: {} }));
    expect(same).toMatchObject({ overwrites: false, empty: true, unchangedSites: ['kurly.com'] });
  });
});

describe('export, import and delete', () => {
  it('round-trips what is stored, replaces imported sites, keeps the others, and deletes everything', async () => {
    await setDetail('coupang.com', 'address', true, NOW);
    await setDetail('kurly.com', 'phone', true, NOW);
    await setStepDone('coupang.com', 'Coupang2025', 'phone.smishing', false, NOW);
    await noteWarned('gs25.com', NOW);
    const exported = toExport(await snapshotUserData({}), NOW);
    expect(parseUserDataFile(JSON.stringify(exported))).toEqual({ ok: true, data: exported });

    await applyImport(file());
    expect((await getSiteProfile('coupang.com'))?.details.map((d) => d.detail)).toEqual(['email', 'phone']);
    expect((await getSiteProfile('kurly.com'))?.details.map((d) => d.detail)).toEqual(['phone']);
    expect((await allChecklist()).find((e) => e.stepId === 'phone.smishing')?.done).toBe(true);
    expect((await listWarned()).map((w) => w.site).sort()).toEqual(['coupang.com', 'gs25.com']);

    await deleteUserData();
    expect(await listProfiles()).toEqual([]);
    expect(await allChecklist()).toEqual([]);
    expect(await listWarned()).toEqual([]);
  });
});
