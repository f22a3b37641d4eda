/**
 * Suffixes that never name a public host: special-use (RFC 6761 .localhost, RFC 6762 .local,
 * RFC 8375 .home.arpa), ICANN's private-use .internal, and the distribution default
 * .localdomain. Single-label names (localhost, intranet, redis) are refused separately.
 */
const INTERNAL_NAME_SUFFIXES = ['.localhost', '.local', '.localdomain', '.internal', '.home.arpa'];

/**
 * The host as a connection would see it, or undefined when the text is not a bare host.
 * WHATWG URL parsing is the single source of truth (lowercase, IDNA mapping, percent-decoding,
 * every IPv4 spelling to dotted decimal), so the policy vets the host the HTTP client uses.
 * Brackets are dropped from IPv6 literals and one trailing dot from names.
 */
export function normaliseHost(text: string): string | undefined {
  const hostname = hostnameOfBareHost(text);
  if (hostname === undefined) return undefined;
  const host = withoutTrailingDot(withoutBrackets(hostname));
  return host.split('.').includes('') ? undefined : host;
}

/** Whether a normalised host name can only mean something inside a private network. */
export function isInternalName(host: string): boolean {
  return !host.includes('.') || INTERNAL_NAME_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/**
 * An explicit port makes WHATWG reject a second port, and any user info, path, query or
 * fragment smuggled into the text shows up in href, so href equality proves a bare host.
 */
function hostnameOfBareHost(text: string): string | undefined {
  const url = tryParseUrl(`https://${bracketIfIpv6(text)}:1/`);
  return url !== undefined && url.href === `https://${url.hostname}:1/` ? url.hostname : undefined;
}

function bracketIfIpv6(text: string): string {
  return text.includes(':') && !text.startsWith('[') ? `[${text}]` : text;
}

function withoutBrackets(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

function withoutTrailingDot(hostname: string): string {
  return hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
}

export function tryParseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
