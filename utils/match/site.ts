/**
 * Matching a page to breached sites.
 *
 * A breach domain matches a page host when the host is that domain or a subdomain of it
 * (Firefox's `Services.eTLD.hasRootDomain(host, breach.Domain)` rule, as used by its
 * LoginBreaches.jsm). The Public Suffix List (via `tldts`) bounds the walk: we never look past
 * the host's registrable domain (eTLD+1), so `coupang.com.example.net` can only ever match
 * breaches on `example.net` or below, and `www.carnival.com` never reaches `nival.com`.
 */
import { parse } from 'tldts';

/** A page's host split the way matching needs it. */
export interface SiteKey {
  /** Lower-case ASCII (punycode) host, without a trailing dot. */
  host: string;
  /** The host's registrable domain (eTLD+1), e.g. `coupang.com` for `login.coupang.com`. */
  site: string;
}

/**
 * The host and registrable domain of a web page URL, or null when the URL cannot belong to a
 * breached site: not http(s), an IP address, `localhost`, a bare public suffix, or unparsable.
 * IDNs come back in punycode (the URL parser's `hostname` is already ASCII).
 */
export function siteOf(url: string): SiteKey | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.replace(/\.$/, '').toLowerCase();
  if (host === '' || host.startsWith('[')) return null;
  const info = parse(host, { allowPrivateDomains: false });
  if (info.isIp || !info.domain || !info.isIcann) return null;
  return { host, site: info.domain };
}

/**
 * The domains a breach could be recorded under for this host, most specific first:
 * `a.b.coupang.com` -> [`a.b.coupang.com`, `b.coupang.com`, `coupang.com`]. Never shorter
 * than the registrable domain.
 */
export function candidateDomains(key: SiteKey): string[] {
  const out = [key.host];
  let rest = key.host;
  while (rest !== key.site) {
    rest = rest.slice(rest.indexOf('.') + 1);
    out.push(rest);
  }
  return out;
}

/** True when `host` is `domain` or a subdomain of it. Both lower-case ASCII. */
export function hostMatchesDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * Match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns)
 * that cover a breach domain and its subdomains, over http and https.
 */
export function matchPatternsFor(domain: string): string[] {
  return [`*://${domain}/*`, `*://*.${domain}/*`];
}

/**
 * Origins a user sees in a permission prompt for a set of breach domains; deduplicated,
 * sorted, and reduced so a domain already covered by a parent domain in the set is dropped.
 * One set lookup per label of each domain: the feed decides how many domains there are, so the
 * cost must grow linearly with it (comparing every pair took seconds at ten thousand).
 */
export function originsFor(domains: Iterable<string>): string[] {
  const all = new Set(domains);
  const covered = (d: string) => {
    for (let dot = d.indexOf('.'); dot !== -1; dot = d.indexOf('.', dot + 1)) if (all.has(d.slice(dot + 1))) return true;
    return false;
  };
  return [...all].filter((d) => !covered(d)).sort().flatMap(matchPatternsFor);
}
