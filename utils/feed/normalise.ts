/**
 * Normalising source breaches into feed records (`BreachRecord`).
 *
 * Pure and browser-safe: no Node APIs, and the HTML sanitiser is passed in (the builder uses
 * sanitize-html from `scripts/lib/sanitise.ts`, which must stay out of extension bundles).
 * Every repair is returned as a short human-readable note so the builder can report it.
 *
 * Sources: Have I Been Pwned's breach model (https://haveibeenpwned.com/API/v3#BreachModel,
 * CC BY 4.0) and our curated file (`feed-sources/curated-breaches.json`, same PascalCase shape
 * plus Domains, exposure window, disclosure date, not-exposed classes, notice and sources).
 */
import { parse } from 'tldts';
import { BreachRecord, FeedDomain, HttpsUrl } from './schema';

/** A breach as HIBP's API v3 returns it. Typed as expected; every value is re-checked. */
export interface HibpBreach {
  Name: string;
  Title: string;
  Domain: string;
  BreachDate: string;
  AddedDate: string;
  ModifiedDate: string;
  PwnCount: number;
  /** HTML written by HIBP. */
  Description: string;
  /** The breached organisation's own disclosure, where HIBP links one. */
  DisclosureUrl?: string | null;
  DataClasses: string[];
  IsVerified: boolean;
  IsFabricated: boolean;
  IsSensitive: boolean;
  IsRetired: boolean;
  IsSpamList: boolean;
  IsMalware: boolean;
  IsStealerLog: boolean;
}

/** A breach from our curated file: HIBP's shape plus the fields HIBP lacks. */
export interface CuratedBreach {
  Name: string;
  Title: string;
  TitleKo?: string;
  Domain?: string;
  Domains?: string[];
  BreachDate: string;
  ExposureStart?: string | null;
  ExposureEnd?: string | null;
  DisclosureDate?: string | null;
  AddedDate: string;
  ModifiedDate: string;
  PwnCount?: number | null;
  /** Plain text written by us (not HTML). */
  Description: string;
  DescriptionKo?: string;
  DataClasses: string[];
  NotExposed?: string[];
  IsVerified: boolean;
  IsFabricated: boolean;
  IsSensitive: boolean;
  IsRetired: boolean;
  IsSpamList: boolean;
  IsMalware: boolean;
  IsStealerLog: boolean;
  OfficialNotice?: string | null;
  Sources?: string[];
  /** ISO 3166-1 alpha-2. */
  Country?: string | null;
  /** The HIBP `Name` of the same breach, when HIBP has it too. */
  HIBPName?: string | null;
}

/** A sanitiser's output: safe HTML, and one note per kind of repair it made. */
export interface SanitisedHtml {
  html: string;
  changes: string[];
}

/** Turns untrusted HTML into the feed's description subset (see `BreachRecord.description`). */
export type Sanitise = (html: string) => SanitisedHtml;

/** A normalised record, or why the source record could not become one; `repairs` either way. */
export type Normalised =
  | { ok: true; record: BreachRecord; repairs: string[] }
  | { ok: false; id: string; reason: string; repairs: string[] };

export type DomainResult = { ok: true; domain: string } | { ok: false; reason: string };

/** ICANN section only, as site matching uses (utils/match/site.ts). */
const PSL = { allowPrivateDomains: false } as const;

/**
 * Normalise one domain from a source record: lower-case ASCII with IDNs in punycode
 * (`bücher.de` -> `xn--bcher-kva.de`), without scheme, path, port, trailing dot or a leading
 * `www.` (`https://www.crunchyroll.com/` -> `crunchyroll.com`). Deeper names stay as given
 * (`forums.boxee.com`): a breach of a subdomain is not a breach of the whole site.
 *
 * Rejects IP addresses, single labels (`localhost`), public suffixes (`co.uk`, per the Public
 * Suffix List's ICANN section in `tldts`) and names under no ICANN suffix (`example.local`).
 */
export function normaliseDomain(input: string): DomainResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'empty' };
  let host: string;
  try {
    // The URL parser lower-cases, converts IDNs to punycode and drops everything but the host.
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`).hostname;
  } catch {
    return { ok: false, reason: 'not a host name' };
  }
  host = host.replace(/\.$/, '');
  const info = parse(host, PSL);
  if (info.isIp || host.startsWith('[')) return { ok: false, reason: 'an IP address' };
  if (!host.includes('.')) return { ok: false, reason: 'a single label' };
  if (info.publicSuffix === host) return { ok: false, reason: 'a public suffix' };
  if (!info.domain || !info.isIcann) return { ok: false, reason: 'not under a known public suffix' };
  // `www.gov.uk` is itself a registrable domain: only strip `www.` when a site remains.
  if (host.startsWith('www.') && parse(host.slice(4), PSL).domain) host = host.slice(4);
  if (!FeedDomain.safeParse(host).success) return { ok: false, reason: 'not a valid domain name' };
  return { ok: true, domain: host };
}

/**
 * Normalise and deduplicate a record's domains, first appearance first (the primary domain
 * leads). Notes say what changed (`domain "OwnedCore.com" -> "ownedcore.com"`) or was dropped.
 */
export function normaliseDomains(inputs: readonly unknown[]): { domains: string[]; notes: string[] } {
  const domains = new Set<string>();
  const notes: string[] = [];
  for (const input of new Set(inputs)) {
    if (typeof input !== 'string') {
      notes.push(`dropped domain ${JSON.stringify(input)}: not a string`);
      continue;
    }
    const result = normaliseDomain(input);
    if (!result.ok) notes.push(`dropped domain "${input}": ${result.reason}`);
    else {
      if (result.domain !== input) notes.push(`domain "${input}" -> "${result.domain}"`);
      domains.add(result.domain);
    }
  }
  return { domains: [...domains], notes };
}

/** Escape plain text for HTML; line breaks become `<br>`. */
export function textToHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r?\n/g, '<br>');
}

/**
 * Validate a candidate record against `BreachRecord`.
 * @returns the parsed record, or a reason naming the first bad path (`breachDate: Invalid input...`).
 */
export function validateRecord(candidate: unknown): { ok: true; record: BreachRecord } | { ok: false; reason: string } {
  const result = BreachRecord.safeParse(candidate);
  if (result.success) return { ok: true, record: result.data };
  const issue = result.error.issues[0];
  return { ok: false, reason: `invalid at ${issue.path.join('.') || '(record)'}: ${issue.message}` };
}

/**
 * An HIBP breach as a feed record (`source: 'hibp'`, id = HIBP `Name`).
 *
 * HIBP gives no exposure window, disclosure date, country or not-exposed classes: those stay
 * null/empty rather than guessed. `DisclosureUrl` becomes `officialNotice` when https.
 * Records with no Domain are refused (they cannot match a site), as are invalid ones.
 * `LogoPath` is not carried: the extension loads nothing remote.
 */
export function hibpToRecord(raw: HibpBreach, sanitise: Sanitise): Normalised {
  const id = idOf(raw);
  if (typeof raw.Domain !== 'string' || raw.Domain.trim() === '') {
    return { ok: false, id, reason: 'no Domain, so it cannot match a site', repairs: [] };
  }
  const { domains, notes: repairs } = normaliseDomains([raw.Domain]);
  if (domains.length === 0) return { ok: false, id, reason: `no usable domain (${repairs.join('; ')})`, repairs: [] };
  const candidate = {
    id: raw.Name,
    source: 'hibp',
    title: raw.Title,
    domains,
    breachDate: raw.BreachDate,
    exposureWindow: { start: null, end: null },
    disclosureDate: null,
    addedDate: raw.AddedDate,
    modifiedDate: raw.ModifiedDate,
    pwnCount: raw.PwnCount ?? null,
    dataClasses: raw.DataClasses,
    notExposed: [],
    description: sanitised(raw.Description, sanitise, 'description', repairs),
    flags: flagsOf(raw),
    officialNotice: httpsLinks([raw.DisclosureUrl], 'DisclosureUrl', repairs)[0] ?? null,
    sources: [],
    country: null,
  };
  return finish(id, candidate, repairs);
}

/**
 * A curated breach as a feed record (`source: 'curated'`, id = our `Name`). Domains come from
 * `Domain` and `Domains`; descriptions are our plain text, escaped then sanitised all the same.
 * Non-https `OfficialNotice`/`Sources` links are dropped and noted.
 */
export function curatedToRecord(raw: CuratedBreach, sanitise: Sanitise): Normalised {
  const id = idOf(raw);
  const { domains, notes: repairs } = normaliseDomains([raw.Domain, ...(Array.isArray(raw.Domains) ? raw.Domains : [])].filter((d) => d != null));
  if (domains.length === 0) return { ok: false, id, reason: `no usable domain${repairs.length ? ` (${repairs.join('; ')})` : ''}`, repairs: [] };
  const candidate = {
    id: raw.Name,
    source: 'curated',
    title: raw.Title,
    ...(raw.TitleKo !== undefined && { titleKo: raw.TitleKo }),
    domains,
    breachDate: raw.BreachDate,
    exposureWindow: { start: raw.ExposureStart ?? null, end: raw.ExposureEnd ?? null },
    disclosureDate: raw.DisclosureDate ?? null,
    addedDate: raw.AddedDate,
    modifiedDate: raw.ModifiedDate,
    pwnCount: raw.PwnCount ?? null,
    dataClasses: raw.DataClasses,
    notExposed: raw.NotExposed ?? [],
    description: sanitised(plainText(raw.Description), sanitise, 'description', repairs),
    ...(raw.DescriptionKo !== undefined && {
      descriptionKo: sanitised(plainText(raw.DescriptionKo), sanitise, 'descriptionKo', repairs),
    }),
    flags: flagsOf(raw),
    officialNotice: httpsLinks([raw.OfficialNotice], 'OfficialNotice', repairs)[0] ?? null,
    sources: httpsLinks(Array.isArray(raw.Sources) ? raw.Sources : [raw.Sources], 'Sources', repairs),
    country: raw.Country ?? null,
  };
  return finish(id, candidate, repairs);
}

/**
 * Merge two records of the same breach: `over` (the curated one) wins field by field where it
 * has a value (not null, empty string or empty list; exposure window ends separately); domains
 * and sources are unioned, `base`'s first; `modifiedDate` is the later of the two, since a
 * change in either source changes the merged record.
 */
export function mergeRecords(base: BreachRecord, over: BreachRecord): BreachRecord {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) merged[key] = value;
  }
  return {
    ...(merged as BreachRecord),
    exposureWindow: {
      start: over.exposureWindow.start ?? base.exposureWindow.start,
      end: over.exposureWindow.end ?? base.exposureWindow.end,
    },
    domains: [...new Set([...base.domains, ...over.domains])],
    sources: [...new Set([...base.sources, ...over.sources])],
    modifiedDate: Date.parse(over.modifiedDate) >= Date.parse(base.modifiedDate) ? over.modifiedDate : base.modifiedDate,
  };
}

function idOf(raw: { Name?: unknown }): string {
  return typeof raw.Name === 'string' && raw.Name !== '' ? raw.Name : '(no Name)';
}

function flagsOf(raw: HibpBreach | CuratedBreach) {
  return {
    verified: raw.IsVerified,
    fabricated: raw.IsFabricated,
    sensitive: raw.IsSensitive,
    retired: raw.IsRetired,
    spamList: raw.IsSpamList,
    malware: raw.IsMalware,
    stealerLog: raw.IsStealerLog,
  };
}

/** Non-strings pass through untouched so validation reports them. */
function plainText(value: unknown): unknown {
  return typeof value === 'string' ? textToHtml(value) : value;
}

function sanitised(html: unknown, sanitise: Sanitise, field: string, repairs: string[]): unknown {
  if (typeof html !== 'string') return html;
  const result = sanitise(html);
  for (const change of result.changes) repairs.push(`${field}: ${change}`);
  return result.html;
}

/** The https links among `values` (null/empty ignored); anything else is dropped with a note. */
function httpsLinks(values: readonly unknown[], field: string, repairs: string[]): string[] {
  const kept: string[] = [];
  for (const value of values) {
    if (value === null || value === undefined || value === '') continue;
    if (typeof value === 'string' && HttpsUrl.safeParse(value).success) kept.push(value);
    else repairs.push(`dropped ${field} link ${JSON.stringify(value)}: not https`);
  }
  return kept;
}

function finish(id: string, candidate: unknown, repairs: string[]): Normalised {
  const result = validateRecord(candidate);
  return result.ok ? { ok: true, record: result.record, repairs } : { ok: false, id, reason: result.reason, repairs };
}
