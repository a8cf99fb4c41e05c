/**
 * Deterministic synthetic inputs for the benchmarks: domain indexes, lookup URL mixes, scaled
 * feeds, and a throwaway Ed25519 key to sign them. Same seed, same data, on every machine.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { FeedKey } from '../../utils/feed/keys';
import type { BreachRecord, FeedDocument } from '../../utils/feed/schema';
import { formatSignatureFile } from '../../utils/feed/signature';
import { seededRandom } from '../../test/support/random';

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** ICANN suffixes, single- and multi-label, weighted toward .com as the real feed is. */
const SUFFIXES = ['com', 'com', 'com', 'com', 'net', 'org', 'de', 'fr', 'it', 'io', 'shop', 'co.uk', 'com.au', 'co.kr', 'kr', 'co.jp', 'jp', 'com.br', 'in', 'ru'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'shop', 'mart', 'tek', 'zo', 'vi', 'na', 'pu', 'ge', 'tor', 'lan', 'box', 'fi', 'qu', 'dex', 'sun', 'ha'];
/** Unicode stems for internationalised domain names (German, Korean, Japanese, Greek). */
const UNICODE_STEMS = ['bücher', 'müller', 'straße-shop', 'café', '쇼핑', '마켓', '할인몰', 'ショップ', 'ストア', 'αγορά'];

/** A pronounceable ASCII label of 1 to 3 syllables with `n` in base 36 as a tail, for uniqueness. */
function asciiLabel(r: () => number, n: number): string {
  const parts = 1 + Math.floor(r() * 3);
  let s = '';
  for (let i = 0; i < parts; i++) s += pick(r, SYLLABLES);
  return `${s}${n.toString(36)}`;
}

export interface SyntheticDomain {
  /** As stored in the feed: lower-case ASCII, IDNs in punycode. */
  ascii: string;
  /** As a user would type it (Unicode for IDNs; the same as `ascii` otherwise). */
  display: string;
  /** `plain` label.suffix, `deep` a breach on a subdomain (shop.label.suffix), `idn` an internationalised name. */
  kind: 'plain' | 'deep' | 'idn';
}

/**
 * `count` distinct breach domains: 85% `label.suffix`, 10% deeper (`shop.label.suffix`, a
 * breach recorded on a subdomain), 5% IDNs (`<unicode>.suffix`, stored in punycode).
 */
export function syntheticDomains(count: number, seed = 1): SyntheticDomain[] {
  const r = seededRandom(seed);
  const seen = new Set<string>();
  const out: SyntheticDomain[] = [];
  for (let n = 0; out.length < count; n++) {
    const x = r();
    const suffix = pick(r, SUFFIXES);
    let d: SyntheticDomain;
    if (x < 0.05) {
      const display = `${pick(r, UNICODE_STEMS)}${n.toString(36)}.${suffix}`;
      d = { ascii: domainToASCII(display), display, kind: 'idn' };
    } else if (x < 0.15) {
      const ascii = `${pick(r, ['shop', 'store', 'mall', 'm'])}.${asciiLabel(r, n)}.${suffix}`;
      d = { ascii, display: ascii, kind: 'deep' };
    } else {
      const ascii = `${asciiLabel(r, n)}.${suffix}`;
      d = { ascii, display: ascii, kind: 'plain' };
    }
    if (!d.ascii || seen.has(d.ascii)) continue;
    seen.add(d.ascii);
    out.push(d);
  }
  return out;
}

export type QueryKind = 'hit' | 'subdomain-hit' | 'miss' | 'idn-hit' | 'idn-miss';

export interface Query {
  url: string;
  kind: QueryKind;
}

/**
 * `count` page URLs against `domains`: 30% exact hits, 30% subdomain hits, 30% misses, 10% IDNs
 * typed in Unicode (half of them hits when the index has IDNs). Misses use labels that cannot
 * be in the index (a `zz` prefix no generated label has).
 */
export function lookupMix(domains: readonly SyntheticDomain[], count: number, seed = 2): Query[] {
  const r = seededRandom(seed);
  const idns = domains.filter((d) => d.kind === 'idn');
  const out: Query[] = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    const d = pick(r, domains);
    if (x < 0.3) out.push({ url: `https://${d.display}/`, kind: 'hit' });
    else if (x < 0.6) out.push({ url: `https://${pick(r, ['www', 'login', 'm.shop', 'a.b'])}.${d.display}/path?q=${i}`, kind: 'subdomain-hit' });
    else if (x < 0.9) out.push({ url: `https://www.zz${asciiLabel(r, i)}.${pick(r, SUFFIXES)}/`, kind: 'miss' });
    else if (x < 0.95 && idns.length) out.push({ url: `https://www.${pick(r, idns).display}/`, kind: 'idn-hit' });
    else out.push({ url: `https://www.zz${pick(r, UNICODE_STEMS)}${i}.${pick(r, SUFFIXES)}/`, kind: 'idn-miss' });
  }
  return out;
}

/** The breach domains of a feed, as SyntheticDomain entries (the real feed has no IDNs). */
export function feedDomains(feed: FeedDocument): SyntheticDomain[] {
  const all = [...new Set(feed.breaches.flatMap((b) => b.domains))];
  return all.map((ascii) => ({ ascii, display: ascii, kind: ascii.includes('xn--') ? 'idn' : ascii.split('.').length > 2 ? 'deep' : 'plain' }));
}

/**
 * A feed of `breaches.length * factor` records: the real records plus `factor - 1` copies of
 * each with a new id and domains (`s<k>-<label>...`), so record sizes follow the real feed.
 */
export function scaledFeed(feed: FeedDocument, factor: number): FeedDocument {
  const breaches: BreachRecord[] = [...feed.breaches];
  for (let k = 1; k < factor; k++) {
    for (const b of feed.breaches) {
      breaches.push({ ...b, id: `${b.id}.s${k}`.slice(0, 100), domains: b.domains.map((d) => `s${k}-${d}`) });
    }
  }
  return { ...feed, breaches };
}

/** One record per domain, cloned from `template` (for a synthetic index stored in IndexedDB). */
export function feedForDomains(feed: FeedDocument, domains: readonly SyntheticDomain[]): FeedDocument {
  const template = feed.breaches[0]!;
  return { ...feed, breaches: domains.map((d, i) => ({ ...template, id: `syn${i}`, domains: [d.ascii] })) };
}

export interface SignedBytes {
  bytes: Uint8Array<ArrayBuffer>;
  signature: string;
  /** The throwaway public key that verifies `signature`. */
  key: FeedKey;
}

/** Serialise `doc` and sign it with a throwaway Ed25519 key (never a real feed key). */
export function signWithThrowawayKey(doc: FeedDocument): SignedBytes {
  const bytes = new Uint8Array(Buffer.from(JSON.stringify(doc)));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
  const key: FeedKey = { id: 'bench-throwaway', publicKey: raw };
  return { bytes, signature: formatSignatureFile(key.id, sign(null, bytes, privateKey)), key };
}
