/** The details page's `site` query parameter. */

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/**
 * The domain in `?site=` as lower-case ASCII (IDNs in punycode), or null when it is missing or
 * not a plain domain name (no scheme, port, path, IP address or single label).
 */
export function parseSiteParam(search: string): string | null {
  const raw = new URLSearchParams(search).get('site')?.trim();
  if (!raw || raw.length > 253) return null;
  let host: string;
  try {
    const url = new URL(`https://${raw}/`);
    if (url.username || url.password || url.port || url.pathname !== '/' || url.search || url.hash) return null;
    host = url.hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  if (!DOMAIN.test(host) || /^[0-9.]+$/.test(host)) return null;
  return host;
}
