import type { BreachVerdict, SiteReport } from '@/utils/messaging/protocol';
import type { BreachRecord } from '@/utils/feed/schema';
import { makeBreach } from '../../helpers/breach';

/** The curated Coupang record's real values (../shared/data/curated-breaches.json). */
export const coupang: BreachRecord = makeBreach({
  dataClasses: ['Names', 'Email addresses', 'Phone numbers', 'Physical addresses', 'Purchases', 'Delivery instructions'],
  notExposed: ['Credit cards', 'Bank account numbers', 'Passwords'],
  description:
    'A former Coupang employee used a signing key that was not revoked after departure to forge access tokens, from 24 June to 8 November 2025. <a href="https://news.coupang.com/archives/58907">Notice</a>',
  descriptionKo: '퇴사한 직원이 폐기되지 않은 서명 키로 접근 토큰을 위조해 고객 페이지를 조회했습니다.',
  sources: ['https://news.sbs.co.kr/news/endPage.do?news_id=N1008352569', 'http://insecure.example.com/'],
});

export function verdict(breach: BreachRecord, decision: Partial<BreachVerdict['decision']> = {}): BreachVerdict {
  return { breach, decision: { badge: true, notice: true, reason: 'alert', severity: 'medium', ...decision } };
}

export function report(breaches: BreachVerdict[], site = 'coupang.com'): SiteReport {
  return { host: `www.${site}`, site, breaches, feed: { sequence: 3, generated: '2026-11-29T00:00:00Z' } };
}
