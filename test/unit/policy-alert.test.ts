import { describe, expect, it } from 'vitest';
import { baseReason, decideAlert, DEFAULT_ALERT_SETTINGS, maxSeverity, severityOf } from '@/utils/policy/alert';
import { makeBreach, NOW } from '../helpers/breach';

const flags = (f: Partial<ReturnType<typeof makeBreach>['flags']>) => ({ ...makeBreach().flags, ...f });
const s = DEFAULT_ALERT_SETTINGS;
const ctx = { now: NOW, settings: s, site: 'coupang.com', dismissed: [] as string[] };

describe('alert policy', () => {
  it('alerts on a verified, recent, personal-data breach', () => {
    expect(decideAlert(makeBreach(), ctx)).toEqual({ badge: true, notice: true, reason: 'alert', severity: 'medium' });
  });

  it.each([
    ['fabricated', { fabricated: true }],
    ['spam-list', { spamList: true }],
    ['retired', { retired: true }],
    ['sensitive', { sensitive: true }],
    ['unverified', { verified: false }],
  ] as const)('%s breaches never raise badge or notice by default', (reason, f) => {
    const d = decideAlert(makeBreach({ flags: flags(f) }), ctx);
    expect(d).toMatchObject({ badge: false, notice: false, reason });
  });

  it('lets the user opt in to unverified and sensitive breaches', () => {
    const settings = { ...s, alertUnverified: true, alertSensitive: true };
    expect(baseReason(makeBreach({ flags: flags({ verified: false }) }), NOW, settings)).toBe('alert');
    expect(baseReason(makeBreach({ flags: flags({ sensitive: true }) }), NOW, settings)).toBe('alert');
  });

  it('keeps a breach with no personal data (a crypto theft) from alerting', () => {
    expect(baseReason(makeBreach({ dataClasses: [] }), NOW, s)).toBe('no-personal-data');
  });

  it('uses a two-year age window on the date added, keeping every 2025 Korean breach alertable in 2026', () => {
    expect(baseReason(makeBreach({ addedDate: '2025-01-06T00:00:00Z' }), NOW, s)).toBe('alert'); // GS25, oldest 2025 one
    expect(baseReason(makeBreach({ addedDate: '2024-11-28T00:00:00Z' }), NOW, s)).toBe('too-old');
  });

  it('a dismissal silences the notice for that breach on that site only, keeping the badge', () => {
    const dismissed = decideAlert(makeBreach(), { ...ctx, dismissed: ['Coupang2025'] });
    expect(dismissed).toMatchObject({ badge: true, notice: false, reason: 'dismissed' });
    const newer = decideAlert(makeBreach({ id: 'Coupang2026', addedDate: '2026-11-01T00:00:00Z' }), { ...ctx, dismissed: ['Coupang2025'] });
    expect(newer).toMatchObject({ notice: true, reason: 'alert' });
  });

  it('per-site mute and the global switch silence badge and notice', () => {
    expect(decideAlert(makeBreach(), { ...ctx, settings: { ...s, mutedSites: ['coupang.com'] } })).toMatchObject({ badge: false, reason: 'muted' });
    expect(decideAlert(makeBreach(), { ...ctx, settings: { ...s, enabled: false } })).toMatchObject({ badge: false, reason: 'disabled' });
  });

  it('rates severity from the data classes', () => {
    expect(severityOf(makeBreach({ dataClasses: ['Email addresses', 'Passwords'] }))).toBe('high');
    expect(severityOf(makeBreach({ dataClasses: ['Credit cards'] }))).toBe('high');
    expect(severityOf(makeBreach({ dataClasses: ['Phone numbers', 'IMSI numbers', 'SIM authentication keys'] }))).toBe('high');
    expect(severityOf(makeBreach({ dataClasses: ['Phone numbers'] }))).toBe('medium');
    expect(severityOf(makeBreach({ dataClasses: ['Email addresses', 'Usernames'] }))).toBe('low');
    expect(maxSeverity(['low', 'high', 'medium'])).toBe('high');
    expect(maxSeverity([])).toBeNull();
  });
});
