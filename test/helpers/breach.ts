import type { BreachRecord } from '@/utils/feed/schema';

/**
 * A schema-valid breach record for tests, shaped like the curated Coupang record
 * (feed-sources/curated-breaches.json); override any field.
 */
export function makeBreach(overrides: Partial<BreachRecord> = {}): BreachRecord {
  return {
    id: 'Coupang2025',
    source: 'curated',
    title: 'Coupang',
    titleKo: '쿠팡',
    domains: ['coupang.com', 'coupangeats.com', 'coupangplay.com'],
    breachDate: '2025-06-24',
    exposureWindow: { start: '2025-06-24', end: '2025-11-08' },
    disclosureDate: '2025-11-29',
    addedDate: '2025-11-29T00:00:00Z',
    modifiedDate: '2026-11-29T00:00:00Z',
    pwnCount: 33673817,
    dataClasses: ['Names', 'Email addresses', 'Phone numbers', 'Physical addresses', 'Purchases'],
    notExposed: ['Credit cards', 'Bank account numbers', 'Passwords'],
    description: 'A former employee used a signing key that was never revoked.',
    flags: { verified: true, fabricated: false, sensitive: false, retired: false, spamList: false, malware: false, stealerLog: false },
    officialNotice: 'https://news.coupang.com/archives/58907',
    sources: [],
    country: 'KR',
    ...overrides,
  };
}

export const NOW = Date.parse('2026-11-29T12:00:00Z');
