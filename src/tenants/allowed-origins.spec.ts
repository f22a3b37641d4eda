import { isOriginAllowed, normaliseAllowedOrigins, parseAllowedOrigin } from './allowed-origins';

describe('parseAllowedOrigin', () => {
  it.each([
    ['https://www.acme.com', 'https://www.acme.com'],
    ['HTTPS://WWW.Acme.COM', 'https://www.acme.com'],
    ['https://www.acme.com:443', 'https://www.acme.com'],
    ['https://www.acme.com:8443', 'https://www.acme.com:8443'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['https://[::1]:8443', 'https://[::1]:8443'],
    ['https://*.acme.com', 'https://*.acme.com'],
    ['https://*.Shop.Acme.com:8443', 'https://*.shop.acme.com:8443'],
    ['https://*.acme.com:443', 'https://*.acme.com'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ])('accepts %p as %p', (entry, origin) => {
    expect(parseAllowedOrigin(entry)).toEqual({ origin });
  });

  it.each([
    ['a path', 'https://www.acme.com/shop', /no path/],
    ['a trailing slash', 'https://www.acme.com/', /no path/],
    ['a path behind a backslash', 'https://www.acme.com\\shop', /must not have a path/],
    ['a query', 'https://www.acme.com?x=1', /no path/],
    ['a fragment', 'https://www.acme.com#top', /no path/],
    ['no scheme', 'www.acme.com', /not an origin/],
    ['another scheme', 'ftp://www.acme.com', /not an origin/],
    ['credentials', 'https://user:pass@www.acme.com', /credentials/],
    ['a wildcard in the middle', 'https://shop.*.acme.com', /wildcard/],
    ['a wildcard for everything', 'https://*', /wildcard/],
    ['a wildcard over a top-level domain', 'https://*.com', /two or more labels/],
    ['a wildcard over an IP address', 'https://*.10.0.0.1', /no valid host/],
    ['a bad port', 'https://www.acme.com:99999', /no valid host/],
    ['an empty string', '', /not an origin/],
    ['spaces', 'https://www acme.com', /not an origin/],
  ])('refuses %s with a reason', (_case, entry, reason) => {
    const parsed = parseAllowedOrigin(entry);
    expect(parsed).toEqual({ problem: expect.stringMatching(reason) });
  });
});

describe('normaliseAllowedOrigins', () => {
  it('keeps one of each origin, in their normal form', () => {
    expect(normaliseAllowedOrigins(['https://www.acme.com', 'https://WWW.acme.com:443', 'https://*.acme.com'])).toEqual([
      'https://www.acme.com',
      'https://*.acme.com',
    ]);
  });
});

describe('isOriginAllowed', () => {
  const allowed = ['https://www.acme.com', 'https://*.shop.acme.com', 'http://localhost:8080'];

  it('allows every origin when the list is empty', () => {
    expect(isOriginAllowed('https://anything.example', [])).toBe(true);
    expect(isOriginAllowed('null', [])).toBe(true);
  });

  it.each([
    'https://www.acme.com',
    'https://WWW.ACME.COM',
    'https://www.acme.com:443',
    'https://eu.shop.acme.com',
    'https://a.b.shop.acme.com',
    'http://localhost:8080',
  ])('allows %s', (origin) => {
    expect(isOriginAllowed(origin, allowed)).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['another scheme', 'http://www.acme.com'],
    ['another port', 'https://www.acme.com:8443'],
    ['a subdomain of an exact entry', 'https://x.www.acme.com'],
    ['the wildcard domain itself', 'https://shop.acme.com'],
    ['a look-alike suffix', 'https://evilshop.acme.com'],
    ['a suffix inside another domain', 'https://eu.shop.acme.com.evil.example'],
    ['a wildcard origin on another port', 'https://eu.shop.acme.com:8443'],
    ['an opaque origin', 'null'],
    ['garbage', 'not an origin'],
  ])('refuses %s', (_case, origin) => {
    expect(isOriginAllowed(origin, allowed)).toBe(false);
  });
});
