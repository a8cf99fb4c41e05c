import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  REMEDIATION_STEPS,
  changePasswordUrl,
  remediationFor,
  stepLinkMessageKey,
  stepMessageKey,
  type StepLink,
} from '@/utils/remediation/catalog';
import { CANONICAL_DETAILS } from '@/utils/taxonomy/details';
import { makeBreach } from '../helpers/breach';

type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, unknown> }>;
const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages;
const ko = JSON.parse(readFileSync('public/_locales/ko/messages.json', 'utf8')) as Messages;

const ids = (dataClasses: string[], country: string | null = 'KR', officialNotice: string | null = null) =>
  remediationFor(makeBreach({ dataClasses, country, officialNotice }), 'coupang.com').map((s) => s.id);

describe('remediation catalog', () => {
  it('has stable, unique, well-formed step ids', () => {
    const all = REMEDIATION_STEPS.map((s) => s.id);
    expect(new Set(all).size).toBe(all.length);
    for (const s of REMEDIATION_STEPS) {
      expect(s.id).toMatch(/^[a-z-]+\.[a-z0-9-]+$/);
      expect(s.id.startsWith(`${s.detail}.`)).toBe(true);
      expect([...CANONICAL_DETAILS, 'general']).toContain(s.detail);
    }
  });

  it.each([
    ['name', 'Names'],
    ['email', 'Email addresses'],
    ['phone', 'Phone numbers'],
    ['address', 'Physical addresses'],
    ['entrance-code', 'Building entrance codes'],
    ['order-history', 'Purchases'],
    ['password', 'Passwords'],
    ['payment-card', 'Credit cards'],
    ['government-id', 'Government issued IDs'],
    ['bank-account', 'Bank account numbers'],
    ['device-id', 'IMSI numbers'],
  ])('has steps for %s in English and Korean', (detail, dataClass) => {
    const steps = remediationFor(makeBreach({ dataClasses: [dataClass] }), 'coupang.com').filter((s) => s.detail === detail);
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) {
      expect(en[s.messageKey]?.message, s.messageKey).toBeTruthy();
      expect(en[s.messageKey]?.description, s.messageKey).toBeTruthy();
      expect(ko[s.messageKey]?.message, s.messageKey).toBeTruthy();
    }
  });

  it('has every step and link message in en and ko, with the same placeholders', () => {
    const keys = [
      ...REMEDIATION_STEPS.map((s) => stepMessageKey(s.id)),
      ...(['change-password', 'official-notice', 'hibp'] as StepLink[]).map(stepLinkMessageKey),
    ];
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(en[key]?.message, key).toBeTruthy();
      expect(en[key]?.description, key).toBeTruthy();
      expect(ko[key]?.message, key).toBeTruthy();
      expect(ko[key].message).toMatch(/[가-힣]/);
      expect(Object.keys(ko[key].placeholders ?? {})).toEqual(Object.keys(en[key].placeholders ?? {}));
    }
  });

  it('orders steps by urgency: password before phone before email', () => {
    const order = ids(['Email addresses', 'Phone numbers', 'Passwords']);
    expect(order.indexOf('password.change-here')).toBeLessThan(order.indexOf('phone.smishing'));
    expect(order.indexOf('phone.smishing')).toBeLessThan(order.indexOf('email.phishing'));
    expect(order.at(-1)).toBe('general.kisa-118');
  });

  it('covers the Coupang breach: smishing, call back, entrance code, fake orders, 118', () => {
    const steps = ids(['Names', 'Email addresses', 'Phone numbers', 'Physical addresses', 'Purchases', 'Delivery instructions'], 'KR', 'https://news.coupang.com/archives/58907');
    expect(steps).toEqual(
      expect.arrayContaining(['phone.smishing', 'phone.call-back', 'entrance-code.change', 'address.fake-delivery', 'order-history.fake-orders', 'general.official-notice', 'general.kisa-118']),
    );
    expect(steps).not.toContain('password.change-here');
    expect(steps).not.toContain('payment-card.replace-card');
  });

  it('gives Korea-only steps only to Korean breaches, and their replacements elsewhere', () => {
    expect(ids(['Government issued IDs'], 'KR')).toEqual(
      expect.arrayContaining(['government-id.identity-protection', 'government-id.register-exposure', 'government-id.watch-loans', 'general.kisa-118']),
    );
    expect(ids(['Government issued IDs'], 'KR')).not.toContain('government-id.credit-freeze');
    const us = ids(['Government issued IDs'], 'US');
    expect(us).toContain('government-id.credit-freeze');
    expect(us).not.toContain('government-id.identity-protection');
    expect(us).not.toContain('general.kisa-118');
    expect(ids(['Government issued IDs'], null)).not.toContain('general.kisa-118');
  });

  it('resolves links: change-password of the site, https notice only', () => {
    const plan = remediationFor(makeBreach({ dataClasses: ['Passwords'], officialNotice: 'https://news.coupang.com/archives/58907' }), 'coupang.com');
    expect(plan.find((s) => s.id === 'password.change-here')?.href).toBe('https://coupang.com/.well-known/change-password');
    expect(plan.find((s) => s.id === 'general.official-notice')?.href).toBe('https://news.coupang.com/archives/58907');
    expect(ids(['Names'], 'KR', null)).not.toContain('general.official-notice');
    expect(changePasswordUrl('coupang.com')).toBe('https://coupang.com/.well-known/change-password');
    expect(changePasswordUrl('evil.com/x?')).toBeNull();
    expect(changePasswordUrl('javascript:alert(1)')).toBeNull();
    // A site that is not a domain keeps the step but links nowhere odd.
    expect(remediationFor(makeBreach({ dataClasses: ['Passwords'] }), 'not a site').find((s) => s.id === 'password.change-here')).toMatchObject({ href: null, linkKey: null });
    // A sensitive breach links to neither the site nor the breach's notice.
    const quiet = remediationFor(makeBreach({ dataClasses: ['Passwords'], officialNotice: 'https://x.example/n', flags: { ...makeBreach().flags, sensitive: true } }), 'coupang.com');
    expect(quiet.find((s) => s.id === 'password.change-here')).toMatchObject({ href: null });
    expect(quiet.map((s) => s.id)).not.toContain('general.official-notice');
  });
});
