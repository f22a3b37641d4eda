/**
 * The origins (sites) allowed to use a tenant's widget key: `https://www.acme.com` for one site,
 * `https://*.acme.com` for every subdomain of acme.com at any depth (not acme.com itself, as in
 * CSP source lists). Scheme and host, with an optional port; nothing else.
 */

const WILDCARD = '*.';
/** Stands in for the wildcard while the rest of the entry is parsed as a URL. */
const WILDCARD_PLACEHOLDER = 'wildcard-label.';
const ORIGIN_SHAPE = /^(https?):\/\/([^/?#\s]+)$/i;
export const ORIGIN_EXAMPLE = 'https://www.acme.com or https://*.acme.com';

type Parsed = { origin: string } | { problem: string };

/** The entry in its normal form (lowercase host, no default port), or why it is not an allowed origin. */
export function parseAllowedOrigin(entry: string): Parsed {
  const shape = ORIGIN_SHAPE.exec(entry);
  if (!shape) return { problem: `'${entry}' is not an origin: give the scheme (http or https) and host only, with an optional port and no path, e.g. ${ORIGIN_EXAMPLE}` };
  const [, scheme, authority] = shape;
  if (authority.includes('@')) return { problem: `'${entry}' must not contain credentials` };
  const wildcard = authority.startsWith(WILDCARD);
  const rest = wildcard ? authority.slice(WILDCARD.length) : authority;
  if (rest.includes('*')) return { problem: `'${entry}': a wildcard may only stand for the leftmost labels, as in https://*.acme.com` };
  const url = tryParseUrl(`${scheme}://${wildcard ? WILDCARD_PLACEHOLDER : ''}${rest}`);
  if (!url) return { problem: `'${entry}' has no valid host name` };
  // The URL parser reads `\` as `/`: a path can hide there.
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return { problem: `'${entry}' must not have a path` };
  if (wildcard && !isWildcardableDomain(url.hostname.slice(WILDCARD_PLACEHOLDER.length))) {
    return { problem: `'${entry}': a wildcard needs a domain of two or more labels after it, as in https://*.acme.com` };
  }
  const host = wildcard ? WILDCARD + url.host.slice(WILDCARD_PLACEHOLDER.length) : url.host;
  return { origin: `${url.protocol}//${host}` };
}

/** Normal forms of valid entries, without duplicates; the caller has validated them. */
export function normaliseAllowedOrigins(entries: readonly string[]): string[] {
  const origins = entries.map(parseAllowedOrigin).flatMap((parsed) => ('origin' in parsed ? [parsed.origin] : []));
  return [...new Set(origins)];
}

/**
 * Whether a request's `Origin` header may use the widget key. An empty list allows every origin;
 * otherwise the origin must match an entry (an opaque origin, `null`, never does: it is no URL).
 */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const url = tryParseUrl(origin);
  return url !== undefined && allowed.some((entry) => matches(url, entry));
}

function matches(origin: URL, entry: string): boolean {
  const [scheme, host] = entry.split('//');
  if (origin.protocol !== scheme) return false;
  if (!host.startsWith(WILDCARD)) return origin.host === host;
  // `*.acme.com:8443` → any host ending in `.acme.com`, on port 8443.
  const suffix = host.slice(WILDCARD.length);
  const [suffixHost, suffixPort = ''] = splitPort(suffix);
  return origin.port === suffixPort && origin.hostname.endsWith(`.${suffixHost}`);
}

function splitPort(host: string): [string, string?] {
  const colon = host.lastIndexOf(':');
  return colon === -1 ? [host] : [host.slice(0, colon), host.slice(colon + 1)];
}

/** At least two labels after the wildcard: `*.com` would allow half the web. (IP addresses never parse here.) */
function isWildcardableDomain(hostname: string): boolean {
  const labels = hostname.split('.');
  return labels.length >= 2 && labels.every((label) => label !== '');
}

function tryParseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
