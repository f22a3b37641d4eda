import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '../../common/errors/error-code';
import { HostResolver } from './host-resolver';
import { parseWebhookAllowlist } from './webhook-allowlist';
import { WebhookTargetPolicy } from './webhook-target-policy';

const PUBLIC_ADDRESS = '93.184.216.34';

/**
 * The corpus names that nothing but their DNS answer gives away: wildcard services (nip.io,
 * xip.io, localdomain.pw), public domains with loopback records, rebinding services and
 * metadata aliases. The stub answers for them as the SSRF checklists the corpus was compiled
 * from document, so the address rule has to refuse them. Rebinding services alternate between
 * a public and an internal answer; the stub returns both, because whichever comes back when
 * the policy runs (save time or send time) decides, and the internal one must be refused.
 */
const INTERNAL_ANSWERS: Record<string, string[]> = {
  // Metadata aliases, answered with the metadata address they are listed for. Where they are
  // resolved from matters: outside the provider's network they may answer differently.
  'metadata.amazonaws.com': ['169.254.169.254'],
  'metadata.packet.net': ['169.254.169.254'],
  'metadata.nicob.net': ['169.254.169.254'],
  // nip.io and xip.io answer with the IPv4 address spelled in the name (xip.io also base36).
  '169.254.169.254.nip.io': ['169.254.169.254'],
  '169.254.169.254.xip.io': ['169.254.169.254'],
  '1ynrnhl.xip.io': ['169.254.169.254'],
  'www.owasp.org.1ynrnhl.xip.io': ['169.254.169.254'],
  '1ynrnhl.nip.io': ['169.254.169.254'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  'company.127.0.0.1.nip.io': ['127.0.0.1'],
  'customer1.app.localhost.my.company.127.0.0.1.nip.io': ['127.0.0.1'],
  '10.0.0.1.nip.io': ['10.0.0.1'],
  'ssrf-169.254.169.254.localdomain.pw': ['169.254.169.254'],
  'ssrf-race-169.254.169.254.localdomain.pw': ['169.254.169.254'],
  // Public domains whose records point at loopback.
  'localtest.me': ['127.0.0.1', '::1'],
  'sub.localtest.me': ['127.0.0.1', '::1'],
  'localh.st': ['127.0.0.1'],
  'lvh.me': ['127.0.0.1'],
  'mail.ebc.apple.com': ['127.0.0.6'],
  'bugbounty.dod.network': ['127.0.0.2'],
  'spoofed.burpcollaborator.net': ['127.0.0.1'],
  // DNS rebinding services: a public answer, then an internal one.
  'make-1.2.3.4-rebind-169.254-169.254-rr.1u.ms': ['1.2.3.4', '169.254.169.254'],
  'a.127.0.0.1.1time.10.0.0.1.1time.repeat.8f058b82-4c39-4dfe-91f7-9b07bcd7fbd5.rebind.network': [
    '127.0.0.1',
  ],
  // Kubernetes service name: cluster DNS answers with a ClusterIP from private space.
  'kubernetes.default.svc': ['10.96.0.1'],
};

class StubResolver extends HostResolver {
  constructor(private readonly answer: (hostname: string) => string[]) {
    super();
  }

  resolveAll(hostname: string): Promise<string[]> {
    return Promise.resolve().then(() => this.answer(hostname));
  }
}

/** Answers like real DNS for the corpus names, and with a public address for anything else. */
const realisticDns = new StubResolver(
  (hostname) => INTERNAL_ANSWERS[hostname] ?? [PUBLIC_ADDRESS],
);

const failingDns = new StubResolver((hostname) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
});

const noAllowlist = parseWebhookAllowlist(undefined);

function policyWith(resolver: HostResolver, allowlist = noAllowlist): WebhookTargetPolicy {
  return new WebhookTargetPolicy(allowlist, resolver);
}

async function expectRefused(vetting: Promise<unknown>, reason: string | RegExp): Promise<void> {
  await expect(vetting).rejects.toMatchObject({
    status: HttpStatus.BAD_REQUEST,
    code: ErrorCode.WebhookUrlRejected,
    message: typeof reason === 'string' ? reason : expect.stringMatching(reason),
  });
}

const HTTPS_REQUIRED = 'Webhook URL must use https.';
const NO_CREDENTIALS = 'Webhook URL must not contain credentials.';
const RESOLVES_TO_BLOCKED = 'Webhook host resolves to a private or reserved address.';
const ANY_REFUSAL = /./;
const blockedLiteral = (address: string) =>
  `Webhook host is a private or reserved address (${address}).`;
const internalName = (host: string) => `Webhook host '${host}' is an internal name.`;
const unresolvable = (host: string) => `Webhook host '${host}' could not be resolved.`;

function readCorpus(): string[] {
  return readFileSync(join(__dirname, '__fixtures__', 'ssrf-urls.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

function hostnamesOf(urls: string[]): string[] {
  const parsed = urls.filter((url) => URL.canParse(url)).map((url) => new URL(url));
  return parsed.map((url) => url.hostname.replace(/\.$/, ''));
}

describe('WebhookTargetPolicy', () => {
  describe('SSRF corpus', () => {
    const corpus = readCorpus();

    it('reads the whole corpus', () => {
      expect(corpus.length).toBeGreaterThan(200);
    });

    it('answers like real DNS only for names the corpus contains', () => {
      expect(hostnamesOf(corpus)).toEqual(expect.arrayContaining(Object.keys(INTERNAL_ANSWERS)));
    });

    it.each(corpus)('refuses %s when names resolve as real DNS does', async (url) => {
      await expectRefused(policyWith(realisticDns).vetUrl(url), ANY_REFUSAL);
    });

    it.each(corpus)('refuses %s when no name resolves', async (url) => {
      await expectRefused(policyWith(failingDns).vetUrl(url), ANY_REFUSAL);
    });

    it.each(Object.keys(INTERNAL_ANSWERS))(
      'refuses %s only because of what it resolves to',
      async (hostname) => {
        const url = `https://${hostname}/`;
        await expectRefused(policyWith(realisticDns).vetUrl(url), RESOLVES_TO_BLOCKED);
        const publicDns = new StubResolver(() => [PUBLIC_ADDRESS]);
        await expect(policyWith(publicDns).vetUrl(url)).resolves.toBeDefined();
      },
    );
  });

  describe('vetUrl', () => {
    const policy = policyWith(realisticDns);

    it.each([
      ['decimal IPv4', 'https://2130706433/', blockedLiteral('127.0.0.1')],
      ['hex IPv4', 'https://0x7f.1/', blockedLiteral('127.0.0.1')],
      ['octal IPv4', 'https://0177.0.0.1/', blockedLiteral('127.0.0.1')],
      ['short IPv4', 'https://127.1/', blockedLiteral('127.0.0.1')],
      ['IPv4 with a trailing dot', 'https://127.0.0.1./', blockedLiteral('127.0.0.1')],
      ['name with a trailing dot', 'https://localhost./', internalName('localhost')],
      ['IPv6 loopback', 'https://[::1]/', blockedLiteral('::1')],
      ['IPv4-mapped, dotted', 'https://[::ffff:127.0.0.1]/', blockedLiteral('::ffff:7f00:1')],
      ['IPv4-mapped, hex', 'https://[::ffff:7f00:1]/', blockedLiteral('::ffff:7f00:1')],
      ['IPv4-compatible', 'https://[::127.0.0.1]/', blockedLiteral('::7f00:1')],
      ['NAT64 of loopback', 'https://[64:ff9b::7f00:1]/', blockedLiteral('64:ff9b::7f00:1')],
      ['NAT64 of public', 'https://[64:ff9b::5db8:d822]/', blockedLiteral('64:ff9b::5db8:d822')],
      ['6to4 of loopback', 'https://[2002:7f00:1::]/', blockedLiteral('2002:7f00:1::')],
      ['Teredo', 'https://[2001:0:1::1]/', blockedLiteral('2001:0:1::1')],
      ['IPv6 unique local', 'https://[fc00::1]/', blockedLiteral('fc00::1')],
      ['IPv6 link-local', 'https://[fe80::1]/', blockedLiteral('fe80::1')],
      ['IPv6 site-local', 'https://[fec0::1]/', blockedLiteral('fec0::1')],
      ['IPv6 documentation', 'https://[2001:db8::1]/', blockedLiteral('2001:db8::1')],
      ['IPv6 unspecified', 'https://[::]/', blockedLiteral('::')],
      ['IPv4 "this network"', 'https://0.0.0.0/', blockedLiteral('0.0.0.0')],
      ['CGNAT', 'https://100.64.0.1/', blockedLiteral('100.64.0.1')],
      ['link-local metadata', 'https://169.254.169.254/', blockedLiteral('169.254.169.254')],
      ['benchmarking', 'https://198.18.0.1/', blockedLiteral('198.18.0.1')],
      ['TEST-NET-1', 'https://192.0.2.1/', blockedLiteral('192.0.2.1')],
      ['TEST-NET-2', 'https://198.51.100.1/', blockedLiteral('198.51.100.1')],
      ['TEST-NET-3', 'https://203.0.113.1/', blockedLiteral('203.0.113.1')],
      ['IETF protocol assignments', 'https://192.0.0.8/', blockedLiteral('192.0.0.8')],
      ['multicast', 'https://224.0.0.1/', blockedLiteral('224.0.0.1')],
      ['broadcast', 'https://255.255.255.255/', blockedLiteral('255.255.255.255')],
      ['reserved 240/4', 'https://240.0.0.1/', blockedLiteral('240.0.0.1')],
      ['private 10/8', 'https://10.1.2.3/', blockedLiteral('10.1.2.3')],
      ['private 172.16/12', 'https://172.16.0.1/', blockedLiteral('172.16.0.1')],
      ['private 192.168/16', 'https://192.168.1.1/', blockedLiteral('192.168.1.1')],
      ['plain http', 'http://example.com/hook', HTTPS_REQUIRED],
      ['upper-case HTTP', 'HTTP://example.com/hook', HTTPS_REQUIRED],
      ['ftp', 'ftp://example.com/hook', HTTPS_REQUIRED],
      ['credentials', 'https://user:pass@example.com/', NO_CREDENTIALS],
      ['username only', 'https://user@example.com/', NO_CREDENTIALS],
      ['.local name', 'https://a.local/', internalName('a.local')],
      ['.internal name', 'https://x.internal/', internalName('x.internal')],
      ['.localdomain', 'https://localhost.localdomain/', internalName('localhost.localdomain')],
      ['.home.arpa name', 'https://printer.home.arpa/', internalName('printer.home.arpa')],
      ['single-label name', 'https://intranet/', internalName('intranet')],
      ['empty label', 'https://a..b.com/', "Webhook host 'a..b.com' is not a valid host name."],
      ['unparsable URL', 'https://exa mple.com/', 'Webhook URL is not a valid URL.'],
    ])('refuses %s: %s', async (_spelling, url, message) => {
      await expectRefused(policy.vetUrl(url), message);
    });

    it('accepts a public name and returns the addresses to connect to', async () => {
      const target = await policy.vetUrl('https://Example.COM./hook?x=1');
      expect(target.hostname).toBe('example.com');
      expect(target.addresses).toEqual([PUBLIC_ADDRESS]);
      expect(target.url.href).toBe('https://example.com./hook?x=1');
    });

    it.each([
      ['https://93.184.216.34/', '93.184.216.34'],
      ['https://[2606:4700::1111]/', '2606:4700::1111'],
      ['https://[::ffff:93.184.216.34]/', '::ffff:5db8:d822'],
    ])('accepts the public literal %s without resolving it', async (url, address) => {
      const target = await policyWith(failingDns).vetUrl(url);
      expect(target).toMatchObject({ hostname: address, addresses: [address] });
    });

    it('refuses a name when any one of its addresses is private', async () => {
      const mixed = new StubResolver(() => [PUBLIC_ADDRESS, '2606:4700::1111', '10.0.0.5']);
      await expectRefused(
        policyWith(mixed).vetUrl('https://hooks.example.com/'),
        RESOLVES_TO_BLOCKED,
      );
    });

    it.each([
      ['fails', failingDns],
      ['answers with no address', new StubResolver(() => [])],
    ])('refuses a name when resolution %s', async (_outcome, resolver) => {
      await expectRefused(
        policyWith(resolver).vetUrl('https://hooks.example.com/'),
        unresolvable('hooks.example.com'),
      );
    });

    it('refuses a resolver answer that is not an IP address', async () => {
      const garbled = new StubResolver(() => ['not-an-ip']);
      await expectRefused(
        policyWith(garbled).vetUrl('https://hooks.example.com/'),
        RESOLVES_TO_BLOCKED,
      );
    });
  });

  describe('with an allowlist', () => {
    const vet = (allowlist: string, url: string) =>
      policyWith(realisticDns, parseWebhookAllowlist(allowlist)).vetUrl(url);

    it('accepts an allowlisted IP literal', async () => {
      await expect(vet('127.0.0.1', 'https://127.0.0.1:8443/hook')).resolves.toMatchObject({
        addresses: ['127.0.0.1'],
      });
    });

    it('accepts any spelling of an allowlisted literal', async () => {
      await expect(vet('127.0.0.1', 'https://[::ffff:7f00:1]/')).resolves.toBeDefined();
      await expect(vet('127.0.0.1', 'https://2130706433/')).resolves.toBeDefined();
    });

    it('accepts an allowlisted host name and every address it resolves to', async () => {
      const loopbackDns = new StubResolver(() => ['127.0.0.1', '::1']);
      const policy = policyWith(loopbackDns, parseWebhookAllowlist('localhost'));
      await expect(policy.vetUrl('https://localhost:8443/')).resolves.toMatchObject({
        hostname: 'localhost',
        addresses: ['127.0.0.1', '::1'],
      });
    });

    it('still refuses an allowlisted host name that does not resolve', async () => {
      const policy = policyWith(failingDns, parseWebhookAllowlist('localhost'));
      await expectRefused(policy.vetUrl('https://localhost/'), unresolvable('localhost'));
    });

    it('accepts a literal inside an allowlisted CIDR range, and only inside it', async () => {
      await expect(vet('127.0.0.0/8', 'https://127.0.0.1:8443/hook')).resolves.toBeDefined();
      await expectRefused(vet('127.0.0.0/8', 'https://10.0.0.1/'), blockedLiteral('10.0.0.1'));
    });

    it('accepts a name whose addresses fall in an allowlisted range', async () => {
      const corpDns = new StubResolver(() => ['10.20.30.40']);
      const policy = policyWith(corpDns, parseWebhookAllowlist('10.0.0.0/8'));
      await expect(policy.vetUrl('https://helpdesk.corp.example/')).resolves.toMatchObject({
        addresses: ['10.20.30.40'],
      });
    });

    it('keeps refusing internal names that only an address entry covers', async () => {
      const corpDns = new StubResolver(() => ['10.20.30.40']);
      const policy = policyWith(corpDns, parseWebhookAllowlist('10.0.0.0/8'));
      await expectRefused(policy.vetUrl('https://helpdesk.local/'), internalName('helpdesk.local'));
    });

    it('still requires https', async () => {
      await expectRefused(vet('127.0.0.1', 'http://127.0.0.1/'), HTTPS_REQUIRED);
    });

    it('still refuses credentials', async () => {
      await expectRefused(vet('127.0.0.1,localhost', 'https://u:p@localhost/'), NO_CREDENTIALS);
      await expectRefused(vet('127.0.0.1,localhost', 'https://u:p@127.0.0.1/'), NO_CREDENTIALS);
    });

    it('does not extend a host name entry to its subdomains', async () => {
      const subdomain = vet('localhost', 'https://app.localhost/');
      await expectRefused(subdomain, internalName('app.localhost'));
    });
  });

  describe('vetHost', () => {
    it('returns only the vetted addresses', async () => {
      const publicDns = new StubResolver(() => [PUBLIC_ADDRESS, '2606:4700::1111']);
      await expect(policyWith(publicDns).vetHost('hooks.example.com')).resolves.toEqual([
        PUBLIC_ADDRESS,
        '2606:4700::1111',
      ]);
    });

    it('refuses when any address is blocked, as after DNS rebinding', async () => {
      const rebound = new StubResolver(() => [PUBLIC_ADDRESS, '169.254.169.254']);
      await expectRefused(
        policyWith(rebound).vetHost('hooks.example.com'),
        RESOLVES_TO_BLOCKED,
      );
    });

    it('accepts an IPv6 host with or without the brackets URL.hostname keeps', async () => {
      const policy = policyWith(failingDns);
      await expect(policy.vetHost('[2606:4700::1111]')).resolves.toEqual(['2606:4700::1111']);
      await expect(policy.vetHost('2606:4700::1111')).resolves.toEqual(['2606:4700::1111']);
      await expectRefused(policy.vetHost('[::1]'), blockedLiteral('::1'));
    });

    it('normalises the host like a URL before vetting it', async () => {
      const policy = policyWith(realisticDns);
      await expectRefused(policy.vetHost('0x7f.1'), blockedLiteral('127.0.0.1'));
      await expectRefused(policy.vetHost('LOCALHOST.'), internalName('localhost'));
    });

    it.each(['example.com:8443', 'user@example.com', 'example.com/path', ''])(
      'refuses %p, which is not a bare host',
      async (text) => {
        await expectRefused(policyWith(realisticDns).vetHost(text), /is not a valid host name\.$/);
      },
    );
  });

  describe('isHostAllowlisted', () => {
    const policy = policyWith(failingDns, parseWebhookAllowlist('relay.acme.example,127.0.0.1,10.0.0.0/8'));

    it.each(['relay.acme.example', 'RELAY.acme.example.', '127.0.0.1', '10.1.2.3'])('is true for %s, named by the allowlist', (host) => {
      expect(policy.isHostAllowlisted(host)).toBe(true);
    });

    it.each(['hooks.acme.example', '127.0.0.2', '192.168.1.1', ''])('is false for %j', (host) => {
      expect(policy.isHostAllowlisted(host)).toBe(false);
    });
  });

  describe('isAddressAllowed', () => {
    const policy = policyWith(failingDns);

    it.each([PUBLIC_ADDRESS, '1.1.1.1', '2606:4700::1111', '::ffff:93.184.216.34'])(
      'allows %s',
      (address) => {
        expect(policy.isAddressAllowed(address)).toBe(true);
      },
    );

    // One address per range the policy must block, as ipaddr.js 2.5 classifies them.
    it.each([
      ['loopback', '127.0.0.1'],
      ['"this network"', '0.1.2.3'],
      ['private', '10.0.0.1'],
      ['private', '172.31.255.254'],
      ['private', '192.168.0.1'],
      ['CGNAT', '100.100.100.200'],
      ['link-local', '169.254.169.254'],
      ['IETF protocol assignments', '192.0.0.192'],
      ['TEST-NET-1', '192.0.2.1'],
      ['benchmarking', '198.19.255.255'],
      ['TEST-NET-2', '198.51.100.7'],
      ['TEST-NET-3', '203.0.113.7'],
      ['multicast', '224.0.0.1'],
      ['reserved', '240.0.0.1'],
      ['broadcast', '255.255.255.255'],
      ['unspecified', '::'],
      ['loopback', '::1'],
      ['IPv4-compatible', '::7f00:1'],
      ['IPv4-mapped private', '::ffff:10.0.0.1'],
      ['IPv4-translated', '::ffff:0:7f00:1'],
      ['NAT64', '64:ff9b::5db8:d822'],
      ['local-use NAT64', '64:ff9b:1::1'],
      ['discard', '100::1'],
      ['Teredo', '2001::1'],
      ['documentation', '2001:db8::1'],
      ['6to4', '2002:5db8:d822::1'],
      ['documentation', '3fff::1'],
      ['segment routing', '5f00::1'],
      ['unique local', 'fc00::1'],
      ['unique local', 'fd00:ec2::254'],
      ['link-local', 'fe80::1'],
      ['link-local with zone', 'fe80::1%eth0'],
      ['site-local', 'fec0::1'],
      ['multicast', 'ff02::1'],
      ['unallocated', '4000::1'],
    ])('blocks %s %s', (_range, address) => {
      expect(policy.isAddressAllowed(address)).toBe(false);
    });

    it.each(['', 'localhost', '0x7f.1', '127.1', '010.0.0.1', '[::1]'])(
      'treats %p, which is not a plain address, as blocked',
      (text) => {
        expect(policy.isAddressAllowed(text)).toBe(false);
      },
    );
  });
});
