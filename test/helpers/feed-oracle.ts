/**
 * An independent oracle for feed validity, for the hostile-feed property tests
 * (test/unit/feed-fuzz.test.ts). It restates the feed contract documented in
 * utils/feed/schema.ts and utils/feed/signature.ts in plain code (no zod, no WebCrypto), so a
 * validator that is too lax or too strict disagrees with it:
 *
 * - bytes: UTF-8 (a leading BOM is dropped, as the Encoding Standard's decode does), then JSON;
 * - the document and every record: types, bounds (string lengths in code points) and formats
 *   field by field; unknown keys are
 *   allowed and dropped (forward compatibility); breach ids are unique;
 * - domains: lower-case ASCII (punycode) host names a browser would show unchanged, registrable
 *   or deeper under an ICANN public suffix: never an IP address, a bare public suffix, a name
 *   under no known suffix, or a punycode label that does not decode;
 * - URLs: https, as the URL Standard parses them (surrounding white space and tabs/newlines,
 *   which the schema strips, aside);
 * - the signature file: strict `{keyId, sig}` JSON naming an accepted key, verified with
 *   node:crypto over the exact bytes.
 *
 * `problems` lists EVERY bad path (dot-separated, as the sync reports them), so a test can
 * check that the path the validator names is really wrong.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { parse as parseHost } from 'tldts';
import type { FeedKey } from '@/utils/feed/keys';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What a valid document stores: known keys only, URLs as the schema normalises them. */
export interface OracleFeed {
  sequence: number;
  generated: string;
  breaches: Record<string, Json>[];
}

export type OracleVerdict = { ok: true; feed: OracleFeed } | { ok: false; problems: string[] };

const BOM = [0xef, 0xbb, 0xbf];

/** UTF-8 text of `bytes` (BOM dropped), or null when they are not well-formed UTF-8. */
export function utf8(bytes: Uint8Array, { strict }: { strict: boolean }): string | null {
  const body = BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  // Node replaces ill-formed sequences with U+FFFD: well-formed input survives a round trip.
  if (strict && !Buffer.from(text, 'utf8').equals(Buffer.from(body.buffer, body.byteOffset, body.byteLength))) return null;
  return text;
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isCalendarDay(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  const days = [31, isLeap(Number(y)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

/** `YYYY-MM-DD`, a real day of the proleptic Gregorian calendar. */
export function isIsoDate(v: unknown): boolean {
  const m = isString(v) ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(v) : null;
  return !!m && isCalendarDay(m[1], m[2], m[3]);
}

/** `YYYY-MM-DDTHH:mm:ss[.fraction]Z`. */
export function isIsoInstant(v: unknown): boolean {
  const m = isString(v) ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?Z$/.exec(v) : null;
  return !!m && isCalendarDay(m[1], m[2], m[3]) && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A feed domain (see the module comment). */
export function isFeedDomain(v: unknown): boolean {
  if (!isString(v) || v.length > 253) return false;
  const labels = v.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  // What a browser makes of it must be the very same name (punycode decodes, not an IPv4 form).
  if (URL.parse(`https://${v}/`)?.hostname !== v) return false;
  const info = parseHost(v, { allowPrivateDomains: false });
  return !info.isIp && info.isIcann === true && info.domain !== null && info.publicSuffix !== v;
}

/** The value an https URL is stored as, or null when it is not one. */
export function httpsUrl(v: unknown): string | null {
  if (!isString(v)) return null;
  const cleaned = v.trim().replace(/[\t\n\r]/g, '');
  const url = URL.parse(cleaned);
  return url && url.protocol === 'https:' && url.hostname !== '' ? cleaned : null;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const FLAGS = ['verified', 'fabricated', 'sensitive', 'retired', 'spamList', 'malware', 'stealerLog'] as const;

/** Collects problems by path while it copies the known fields. */
class Checker {
  readonly problems: string[] = [];

  bad(path: readonly (string | number)[]): void {
    this.problems.push(path.length ? path.join('.') : '(root)');
  }

  /** Lengths count code points (an emoji is one, as zod counts). */
  string(v: unknown, path: (string | number)[], min: number, max: number): Json {
    if (!isString(v) || [...v].length < min || [...v].length > max) this.bad(path);
    return v as Json;
  }

  check(ok: boolean, v: unknown, path: (string | number)[]): Json {
    if (!ok) this.bad(path);
    return v as Json;
  }

  url(v: unknown, path: (string | number)[]): Json {
    const stored = httpsUrl(v);
    if (stored === null) this.bad(path);
    return stored;
  }

  nullableDate(v: unknown, path: (string | number)[]): Json {
    return this.check(v === null || isIsoDate(v), v, path);
  }

  stringArray(v: unknown, path: (string | number)[], each: (item: unknown, at: (string | number)[]) => Json, minItems = 0): Json {
    if (!Array.isArray(v)) {
      this.bad(path);
      return null;
    }
    if (v.length < minItems) this.bad(path);
    return v.map((item, i) => each(item, [...path, i]));
  }

  record(v: unknown, path: (string | number)[]): Record<string, Json> | null {
    if (!isObject(v)) {
      this.bad(path);
      return null;
    }
    const out: Record<string, Json> = {};
    const at = (k: string) => [...path, k];
    const has = (k: string) => Object.prototype.hasOwnProperty.call(v, k);
    out.id = this.check(isString(v.id) && ID.test(v.id), v.id, at('id'));
    out.source = this.check(v.source === 'hibp' || v.source === 'curated', v.source, at('source'));
    out.title = this.string(v.title, at('title'), 1, 200);
    if (has('titleKo')) out.titleKo = this.string(v.titleKo, at('titleKo'), 1, 200);
    out.domains = this.stringArray(v.domains, at('domains'), (d, p) => this.check(isFeedDomain(d), d, p), 1);
    out.breachDate = this.check(isIsoDate(v.breachDate), v.breachDate, at('breachDate'));
    if (isObject(v.exposureWindow)) {
      const w = v.exposureWindow;
      out.exposureWindow = { start: this.nullableDate(w.start, [...at('exposureWindow'), 'start']), end: this.nullableDate(w.end, [...at('exposureWindow'), 'end']) };
    } else this.bad(at('exposureWindow'));
    out.disclosureDate = this.nullableDate(v.disclosureDate, at('disclosureDate'));
    out.addedDate = this.check(isIsoInstant(v.addedDate), v.addedDate, at('addedDate'));
    out.modifiedDate = this.check(isIsoInstant(v.modifiedDate), v.modifiedDate, at('modifiedDate'));
    out.pwnCount = this.check(v.pwnCount === null || (Number.isSafeInteger(v.pwnCount) && (v.pwnCount as number) >= 0), v.pwnCount, at('pwnCount'));
    out.dataClasses = this.stringArray(v.dataClasses, at('dataClasses'), (s, p) => this.string(s, p, 1, 100));
    out.notExposed = this.stringArray(v.notExposed, at('notExposed'), (s, p) => this.string(s, p, 1, 100));
    out.description = this.string(v.description, at('description'), 0, 5000);
    if (has('descriptionKo')) out.descriptionKo = this.string(v.descriptionKo, at('descriptionKo'), 0, 5000);
    if (isObject(v.flags)) {
      const flags = v.flags;
      out.flags = Object.fromEntries(FLAGS.map((f) => [f, this.check(typeof flags[f] === 'boolean', flags[f], [...at('flags'), f])]));
    } else this.bad(at('flags'));
    out.officialNotice = v.officialNotice === null ? null : this.url(v.officialNotice, at('officialNotice'));
    out.sources = this.stringArray(v.sources, at('sources'), (s, p) => this.url(s, p));
    out.country = this.check(v.country === null || (isString(v.country) && /^[A-Z]{2}$/.test(v.country)), v.country, at('country'));
    return out;
  }

  attribution(v: unknown, path: (string | number)[]): void {
    if (!isObject(v)) return this.bad(path);
    this.check(isString(v.name), v.name, [...path, 'name']);
    this.url(v.url, [...path, 'url']);
    this.check(isString(v.licence), v.licence, [...path, 'licence']);
    if (Object.prototype.hasOwnProperty.call(v, 'licenceUrl')) this.url(v.licenceUrl, [...path, 'licenceUrl']);
  }
}

/** Judge a feed's bytes (already known to be signed): valid, with what it stores, or every bad path. */
export function oracleFeed(bytes: Uint8Array): OracleVerdict {
  const text = utf8(bytes, { strict: true });
  let json: unknown;
  try {
    if (text === null) throw new Error('not UTF-8');
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['(json)'] };
  }
  const c = new Checker();
  if (!isObject(json)) return { ok: false, problems: ['(root)'] };
  c.check(json.format === 1, json.format, ['format']);
  c.check(Number.isSafeInteger(json.sequence) && (json.sequence as number) > 0, json.sequence, ['sequence']);
  c.check(isIsoInstant(json.generated), json.generated, ['generated']);
  if (Array.isArray(json.attributions)) {
    if (json.attributions.length === 0) c.bad(['attributions']);
    json.attributions.forEach((a, i) => c.attribution(a, ['attributions', i]));
  } else c.bad(['attributions']);
  const breaches: Record<string, Json>[] = [];
  if (Array.isArray(json.breaches)) {
    const seen = new Set<unknown>();
    json.breaches.forEach((b, i) => {
      const record = c.record(b, ['breaches', i]);
      if (!record) return;
      // Two records under one id cannot both be stored: the feed is ambiguous.
      if (seen.has(record.id)) c.bad(['breaches', i, 'id']);
      seen.add(record.id);
      breaches.push(record);
    });
  } else c.bad(['breaches']);
  if (c.problems.length) return { ok: false, problems: c.problems };
  return { ok: true, feed: { sequence: json.sequence as number, generated: json.generated as string, breaches } };
}

/** True when `sigBytes` is a signature file by one of `keys` over exactly `feedBytes`. */
export function oracleSignature(feedBytes: Uint8Array, sigBytes: Uint8Array, keys: readonly FeedKey[]): boolean {
  // The sync decodes the signature file leniently (bad bytes become U+FFFD, which no valid file holds).
  const text = utf8(sigBytes, { strict: false })!;
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return false;
  }
  if (!isObject(file) || Object.keys(file).sort().join() !== 'keyId,sig') return false;
  const { keyId, sig } = file;
  if (!isString(keyId) || !/^[A-Za-z0-9._-]{1,64}$/.test(keyId) || !isString(sig) || !/^[A-Za-z0-9+/]{86}==$/.test(sig)) return false;
  const key = keys.find((k) => k.id === keyId);
  if (!key) return false;
  return verify(null, feedBytes, nodeKey(key.publicKey), Buffer.from(sig, 'base64'));
}

const nodeKeys = new Map<string, KeyObject>();

/** A raw base64 Ed25519 public key as a node:crypto key (made once per key). */
function nodeKey(raw: string): KeyObject {
  let key = nodeKeys.get(raw);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw, 'base64').toString('base64url') }, format: 'jwk' });
    nodeKeys.set(raw, key);
  }
  return key;
}
