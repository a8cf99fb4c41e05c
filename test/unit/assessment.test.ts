import { describe, expect, it } from 'vitest';
import { assessBreach, assessSite, countsAsExposure, detailSet } from '@/utils/assessment/assess';
import { summariseExposures, type SiteInput } from '@/utils/assessment/exposures';
import { decideAlert, DEFAULT_ALERT_SETTINGS } from '@/utils/policy/alert';
import type { BreachRecord } from '@/utils/feed/schema';
import type { BreachVerdict, SiteReport } from '@/utils/messaging/protocol';
import type { ChecklistEntry, SiteProfile } from '@/utils/profile/types';
import type { ProfileDetail } from '@/utils/taxonomy/details';
import { makeBreach, NOW } from '../helpers/breach';

// The curated Coupang record's classes (public/feed/feed.json).
const coupang = makeBreach({
  dataClasses: ['Names', 'Email addresses', 'Phone numbers', 'Physical addresses', 'Building entrance codes', 'Purchases'],
  notExposed: ['Credit cards', 'Bank account numbers', 'Passwords', 'Government issued IDs'],
  officialNotice: 'https://news.coupang.com/archives/58907',
});

function verdictOf(breach: BreachRecord, site: string, settings = DEFAULT_ALERT_SETTINGS, dismissed: string[] = []): BreachVerdict {
  return { breach, decision: decideAlert(breach, { now: NOW, settings, site, dismissed }) };
}
function reportOf(site: string, breaches: BreachRecord[], settings = DEFAULT_ALERT_SETTINGS): SiteReport {
  return { host: `www.${site}`, site, breaches: breaches.map((b) => verdictOf(b, site, settings)), feed: null };
}
function profileOf(site: string, details: ProfileDetail[]): SiteProfile {
  return { site, details: details.map((detail) => ({ detail, source: 'entered', at: NOW })), addedAt: NOW, updatedAt: NOW };
}
const tick = (site: string, breachId: string, stepId: string, done = true): ChecklistEntry => ({ site, breachId, stepId, done, at: NOW });

describe('assessment of one breach', () => {
  it('with a profile of email, phone and address: exactly those may be exposed; the rest of the breach is "not told us"', () => {
    const given = detailSet(profileOf('coupang.com', ['email', 'phone', 'address']));
    const a = assessBreach(verdictOf(coupang, 'coupang.com'), 'coupang.com', given, new Set());
    expect(a.hasProfile).toBe(true);
    expect(a.mayBeExposed).toEqual(['email', 'phone', 'address']);
    expect(a.notToldUs).toEqual(['name', 'entrance-code', 'order-history']);
    expect(a.notExposed).toEqual(['government-id', 'password', 'payment-card', 'bank-account']);
    // Steps for the exposed details and the general ones only: no entrance-code or order steps.
    const ids = a.steps.map((s) => s.id);
    expect(ids).toEqual(['phone.smishing', 'phone.call-back', 'address.fake-delivery', 'email.phishing', 'email.check-hibp', 'general.official-notice', 'general.kisa-118']);
  });

  it('lists details the user gave that the breach did not take as not exposed', () => {
    const given = detailSet(profileOf('coupang.com', ['email', 'payment-card', 'birth-date']));
    const a = assessBreach(verdictOf(coupang, 'coupang.com'), 'coupang.com', given, new Set());
    expect(a.mayBeExposed).toEqual(['email']);
    expect(a.notExposed).toEqual(['birth-date', 'government-id', 'password', 'payment-card', 'bank-account']);
  });

  it('without a profile, every breach class counts as may be exposed and nothing is "not told us"', () => {
    for (const given of [null, new Set<ProfileDetail>()]) {
      const a = assessBreach(verdictOf(coupang, 'coupang.com'), 'coupang.com', given, new Set());
      expect(a.hasProfile).toBe(false);
      expect(a.mayBeExposed).toEqual(['name', 'email', 'phone', 'address', 'entrance-code', 'order-history']);
      expect(a.notToldUs).toEqual([]);
      expect(a.notExposed).toEqual(['government-id', 'password', 'payment-card', 'bank-account']);
      expect(a.steps.map((s) => s.id)).toContain('entrance-code.change');
    }
  });

  it('has nothing to do when none of the details the user gave was taken', () => {
    const a = assessBreach(verdictOf(coupang, 'coupang.com'), 'coupang.com', new Set<ProfileDetail>(['payment-card']), new Set());
    expect(a.mayBeExposed).toEqual([]);
    expect(a.steps).toEqual([]);
  });

  it('counts ticks only for steps of this plan', () => {
    const given = new Set<ProfileDetail>(['phone']);
    const a = assessBreach(verdictOf(coupang, 'coupang.com'), 'coupang.com', given, new Set(['phone.smishing', 'entrance-code.change']));
    expect(a.done).toEqual(['phone.smishing']);
  });

  it('follows the one alert policy: fabricated, too old and unverified do not count; muted and dismissed still do', () => {
    const fake = makeBreach({ id: 'Fake', flags: { ...coupang.flags, fabricated: true } });
    const old = makeBreach({ id: 'Old', addedDate: '2015-01-01T00:00:00Z' });
    const unverified = makeBreach({ id: 'Unv', flags: { ...coupang.flags, verified: false } });
    for (const b of [fake, old, unverified]) expect(countsAsExposure(verdictOf(b, 'coupang.com').decision), b.id).toBe(false);
    expect(countsAsExposure(verdictOf(coupang, 'coupang.com', { ...DEFAULT_ALERT_SETTINGS, mutedSites: ['coupang.com'] }).decision)).toBe(true);
    expect(countsAsExposure(verdictOf(coupang, 'coupang.com', DEFAULT_ALERT_SETTINGS, ['Coupang2025']).decision)).toBe(true);
    expect(countsAsExposure(verdictOf(coupang, 'coupang.com', { ...DEFAULT_ALERT_SETTINGS, enabled: false }).decision)).toBe(true);
  });
});

describe('assessment of a site', () => {
  it('adds up the counting breaches: union of exposed details, steps done of all', () => {
    const old = makeBreach({ id: 'Coupang2014', addedDate: '2014-01-01T00:00:00Z', dataClasses: ['Passwords'] });
    const report = reportOf('coupang.com', [coupang, old]);
    const site = assessSite(report, profileOf('coupang.com', ['phone', 'password']), [tick('coupang.com', 'Coupang2025', 'phone.smishing'), tick('kurly.com', 'Coupang2025', 'phone.call-back')]);
    expect(site.breaches.map((b) => b.counts)).toEqual([true, false]);
    expect(site.mayBeExposed).toEqual(['phone']); // the old password breach does not count
    expect(site.done).toBe(1);
    expect(site.total).toBe(4); // smishing, call back, official notice, 118
  });
});

describe('all my exposures', () => {
  const nival = makeBreach({ id: 'Nival', source: 'hibp', domains: ['nival.com'], breachDate: '2024-01-01', dataClasses: ['Email addresses', 'Passwords'], country: null, officialNotice: null });
  const gs = makeBreach({ id: 'GS25', domains: ['gs25.com'], breachDate: '2025-01-06', dataClasses: ['Names', 'Phone numbers'] });
  const inputs: SiteInput[] = [
    { site: 'gs25.com', report: reportOf('gs25.com', [gs]), profile: profileOf('gs25.com', ['name', 'phone']), checklist: [], warned: false },
    { site: 'coupang.com', report: reportOf('coupang.com', [coupang]), profile: null, checklist: [tick('coupang.com', 'Coupang2025', 'phone.smishing')], warned: true },
    { site: 'nival.com', report: reportOf('nival.com', [nival]), profile: profileOf('nival.com', ['email']), checklist: [], warned: false },
    { site: 'kurly.com', report: reportOf('kurly.com', []), profile: profileOf('kurly.com', ['address']), checklist: [], warned: false },
    { site: 'shop.example', report: null, profile: profileOf('kurly.com', []), checklist: [], warned: false },
    { site: 'elsewhere.com', report: reportOf('elsewhere.com', [makeBreach({ id: 'E', domains: ['elsewhere.com'], dataClasses: ['Phone numbers'] })]), profile: profileOf('elsewhere.com', ['email']), checklist: [], warned: false },
  ];

  it('sorts by severity, then recency; a site where nothing of yours was taken comes last; clear profile sites are named', () => {
    const { sites, clearSites } = summariseExposures(inputs);
    expect(sites.map((s) => s.site)).toEqual(['nival.com', 'coupang.com', 'gs25.com', 'elsewhere.com']);
    expect(sites[0]).toMatchObject({ severity: 'high', mayBeExposed: ['email'], hasProfile: true });
    expect(clearSites).toEqual(['kurly.com', 'shop.example']);
  });

  it('counts open actions per site (steps not ticked)', () => {
    const { sites } = summariseExposures(inputs);
    const c = sites.find((s) => s.site === 'coupang.com')!;
    expect(c).toMatchObject({ hasProfile: false, warned: true, done: 1 });
    expect(c.open).toBe(c.total - 1);
    expect(c.mayBeExposed).toEqual(['name', 'email', 'phone', 'address', 'entrance-code', 'order-history']);
    expect(c.breaches).toEqual([expect.objectContaining({ id: 'Coupang2025', titleKo: '쿠팡', done: 1 })]);
    expect(sites.find((s) => s.site === 'elsewhere.com')).toMatchObject({ mayBeExposed: [], total: 0, open: 0 });
  });
});
