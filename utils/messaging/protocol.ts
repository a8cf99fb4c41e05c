/**
 * The one messaging protocol: message name -> zod schema of the request, and the TypeScript
 * type of the response. Names say the direction: `content:*` come from the content script in a
 * tab, `ui:*` from the extension's own pages (popup, details, onboarding, options).
 */
import * as z from 'zod';
import type { BreachRecord } from '@/utils/feed/schema';
import type { AlertDecision, Severity } from '@/utils/policy/alert';
import { profileRequests, type ProfileResponses } from './profile-protocol';
import type { FeedSyncStatus, SyncNowResult } from '@/utils/feed/sync-state';

const Empty = z.object({}).strict();

export const requests = {
  /** Content script: what should this page show? The page URL is taken from the sender. */
  'content:verdict': Empty,
  /** Content script: the verdict reached a live page; set the tab's badge now. */
  'content:shown': Empty,
  /** Content script: the user dismissed this breach's notice on this site. */
  'content:dismiss': z.object({ breachId: z.string().min(1).max(100) }).strict(),
  /** Content script: open the details page for this site in a new tab. */
  'content:open-details': Empty,
  /** Extension page: every breach of the site of `url`, with the policy's decision for each. */
  'ui:site-report': z.object({ url: z.string().max(4096) }).strict(),
  /** Extension page: the verdict the background holds for a tab (the page's URL is not needed). */
  'ui:tab-verdict': z.object({ tabId: z.number().int().nonnegative() }).strict(),
  /** Extension page: which breached sites' origins are alertable, and which are not yet granted. */
  'ui:access-status': Empty,
  /** Extension page (options): the feed's sequence, dates, breach count, last check, change and error. */
  'ui:feed-status': Empty,
  /** Extension page (options "Sync now"): check the feed now (joins a sync already running). */
  'ui:sync-now': Empty,
  /** The user's exposure: profile, checklist, all exposures, export / import, observation (./profile-protocol.ts). */
  ...profileRequests,
} as const;

export type MessageName = keyof typeof requests;
export type RequestOf<N extends MessageName> = z.infer<(typeof requests)[N]>;

/** One line of the in-page notice, already localised by the background. */
export interface NoticeItem {
  id: string;
  title: string;
  /** Breach date, formatted for the UI locale. */
  when: string;
  /** "33,673,817 accounts affected", localised; null when unknown. */
  count: string | null;
  /** Main exposed details in plain words, e.g. "names, email addresses, phone numbers". */
  exposed: string;
  /** True when the record comes from Have I Been Pwned (the notice credits it). */
  hibp: boolean;
  severity: Severity;
}

export interface NoticeVerdict {
  site: string;
  items: NoticeItem[];
  /** The notice's own words, localised by the background (it knows the user's language choice). */
  labels: { heading: string; exposed: string; whatToDo: string; dismiss: string; credit: string; report: string };
  /** Prefilled "Report a wrong warning" issue URL (opened only on the user's click). */
  reportUrl: string;
}

export interface BreachVerdict {
  breach: BreachRecord;
  decision: AlertDecision;
}

export interface SiteReport {
  host: string;
  site: string;
  /** All breaches on the site, alerting ones first, then by breach date (newest first). */
  breaches: BreachVerdict[];
  feed: { sequence: number; generated: string } | null;
}

export interface TabVerdict {
  url: string;
  report: SiteReport;
}

export interface AccessStatus {
  /** Match patterns for every site with an alertable breach. */
  wanted: string[];
  /** Those not granted yet. */
  missing: string[];
}

export interface Responses extends ProfileResponses {
  'content:verdict': NoticeVerdict | null;
  'content:shown': { badge: boolean };
  'content:dismiss': { ok: true };
  'content:open-details': { ok: true };
  'ui:site-report': SiteReport | null;
  'ui:tab-verdict': TabVerdict | null;
  'ui:access-status': AccessStatus;
  'ui:feed-status': FeedSyncStatus;
  'ui:sync-now': SyncNowResult;
}

/** Wire shape: `{ type, ...payload }`. */
export type Message<N extends MessageName = MessageName> = { type: N } & RequestOf<N>;
