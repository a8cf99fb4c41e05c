/**
 * The breach feed's record and document schemas (zod).
 *
 * One record per breach. Field names follow the field's terms: a breach has brand `domains`
 * (lower-case ASCII, IDNs in punycode), a `breachDate`, an `exposureWindow`, HIBP `dataClasses`
 * (HIBP's own vocabulary, e.g. "Email addresses"), and `notExposed` classes the company or a
 * regulator said were not taken. Dates are ISO 8601 strings: calendar dates as `YYYY-MM-DD`,
 * instants as `YYYY-MM-DDTHH:mm:ssZ`.
 *
 * Source of the vocabulary: Have I Been Pwned's breach model
 * (https://haveibeenpwned.com/API/v3#BreachModel), licensed CC BY 4.0.
 */
import { parse as parseHost } from 'tldts';
import * as z from 'zod';

/** Calendar date, `YYYY-MM-DD`, checked to be a real day. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar day');

/** Instant, ISO 8601 with a `Z` offset. */
export const IsoInstant = z.iso.datetime({ offset: false });

/**
 * True when `name` is a registrable domain or a name under one (Public Suffix List, ICANN
 * section, as site matching reads it: utils/match/site.ts) that browsers show unchanged: not
 * an IP address (`127.0.0.1`, `0x7f.0.0.1`), not a bare public suffix (`co.uk`), not under an
 * unknown suffix (`shop.local`), no punycode label that does not decode (`xn--zz.com`).
 */
function isSiteDomain(name: string): boolean {
  let host: string;
  try {
    host = new URL(`https://${name}/`).hostname;
  } catch {
    return false;
  }
  const info = parseHost(host, { allowPrivateDomains: false });
  return host === name && !info.isIp && info.isIcann === true && info.domain !== null;
}

/**
 * A normalised registrable (or deeper) domain: lower-case ASCII / punycode, at least two labels,
 * as the builder's normaliseDomain gives it. Feed domains become match patterns and permission
 * requests, so a bare suffix or an address must never pass.
 */
export const FeedDomain = z
  .string()
  .regex(/^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, 'expected a lower-case ASCII (punycode) domain name')
  .refine(isSiteDomain, 'expected a registrable domain or a name under one, not an IP address or a bare public suffix');

/** An https URL (feed text is untrusted: nothing else is ever linked). */
export const HttpsUrl = z.url({ protocol: /^https$/ });

export const BreachFlags = z.object({
  verified: z.boolean(),
  fabricated: z.boolean(),
  sensitive: z.boolean(),
  retired: z.boolean(),
  spamList: z.boolean(),
  malware: z.boolean(),
  stealerLog: z.boolean(),
});

export const BreachRecord = z.object({
  /** Stable id: HIBP's `Name` for HIBP breaches, our own `Name` for curated ones. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'expected a stable id of letters, digits, . _ -'),
  source: z.enum(['hibp', 'curated']),
  title: z.string().min(1).max(200),
  /** Korean title, where the curated source gives one. */
  titleKo: z.string().min(1).max(200).optional(),
  domains: z.array(FeedDomain).min(1),
  breachDate: IsoDate,
  /** When attackers had access; either end may be unknown (null). */
  exposureWindow: z.object({ start: IsoDate.nullable(), end: IsoDate.nullable() }),
  disclosureDate: IsoDate.nullable(),
  addedDate: IsoInstant,
  modifiedDate: IsoInstant,
  /** Affected accounts; null when nobody has established a number. */
  pwnCount: z.number().int().nonnegative().nullable(),
  dataClasses: z.array(z.string().min(1).max(100)),
  notExposed: z.array(z.string().min(1).max(100)),
  /** Sanitised HTML: only <a href="https://..."> <em> <strong> <br>, text otherwise. */
  description: z.string().max(5000),
  descriptionKo: z.string().max(5000).optional(),
  flags: BreachFlags,
  officialNotice: HttpsUrl.nullable(),
  sources: z.array(HttpsUrl),
  /** ISO 3166-1 alpha-2 of the breached company's market, where known. */
  country: z.string().regex(/^[A-Z]{2}$/).nullable(),
});

export const Attribution = z.object({
  name: z.string(),
  url: HttpsUrl,
  licence: z.string(),
  licenceUrl: HttpsUrl.optional(),
});

export const FEED_FORMAT = 1;

export const FeedDocument = z
  .object({
    format: z.literal(FEED_FORMAT),
    /** Only ever increases; a client refuses a feed whose sequence is not greater than its own. */
    sequence: z.number().int().positive(),
    generated: IsoInstant,
    attributions: z.array(Attribution).min(1),
    /** Unique by `id`: the store keeps one record per id, so a repeated id would lose a record. */
    breaches: z.array(BreachRecord),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.breaches.forEach((b, i) => {
      if (seen.has(b.id)) ctx.addIssue({ code: 'custom', path: ['breaches', i, 'id'], message: `breach id "${b.id}" is listed twice` });
      seen.add(b.id);
    });
  });

export type BreachRecord = z.infer<typeof BreachRecord>;
export type BreachFlags = z.infer<typeof BreachFlags>;
export type FeedDocument = z.infer<typeof FeedDocument>;
export type Attribution = z.infer<typeof Attribution>;
