import { parseWebhookAllowlist } from './webhook-allowlist';

describe('parseWebhookAllowlist', () => {
  it.each([undefined, '', ' , ,'])('covers nothing when WEBHOOK_ALLOWLIST is %p', (raw) => {
    const allowlist = parseWebhookAllowlist(raw);
    expect(allowlist.coversHost('localhost')).toBe(false);
    expect(allowlist.coversAddress('127.0.0.1')).toBe(false);
  });

  it('parses host names, IP addresses and CIDR ranges, ignoring spaces and empty entries', () => {
    const allowlist = parseWebhookAllowlist(
      ' 127.0.0.1, localhost ,,10.0.0.0/8,helpdesk.corp.example,fd00::/8,::1 ',
    );
    expect(allowlist.coversHost('localhost')).toBe(true);
    expect(allowlist.coversHost('helpdesk.corp.example')).toBe(true);
    expect(allowlist.coversAddress('127.0.0.1')).toBe(true);
    expect(allowlist.coversAddress('10.200.0.9')).toBe(true);
    expect(allowlist.coversAddress('fd00:ec2::254')).toBe(true);
    expect(allowlist.coversAddress('::1')).toBe(true);
  });

  describe('coversHost', () => {
    const allowlist = parseWebhookAllowlist('Helpdesk.Corp.Example.,localhost');

    it.each([
      'helpdesk.corp.example',
      'HELPDESK.corp.example',
      'helpdesk.corp.example.',
      'ｌｏｃａｌｈｏｓｔ',
    ])('matches %s, normalised like a URL host',
      (hostname) => {
        expect(allowlist.coversHost(hostname)).toBe(true);
      },
    );

    it.each(['app.localhost', 'corp.example', 'evil-helpdesk.corp.example', 'localhost:8443', ''])(
      'does not match %p',
      (hostname) => {
        expect(allowlist.coversHost(hostname)).toBe(false);
      },
    );

    it('never treats an IP entry as a host name', () => {
      expect(parseWebhookAllowlist('127.0.0.1').coversHost('127.0.0.1')).toBe(false);
    });
  });

  describe('coversAddress', () => {
    it('matches a single address exactly', () => {
      const allowlist = parseWebhookAllowlist('127.0.0.1');
      expect(allowlist.coversAddress('127.0.0.1')).toBe(true);
      expect(allowlist.coversAddress('127.0.0.2')).toBe(false);
    });

    it('matches every address inside a range, and none outside', () => {
      const allowlist = parseWebhookAllowlist('127.0.0.0/8,fc00::/7');
      expect(allowlist.coversAddress('127.255.255.254')).toBe(true);
      expect(allowlist.coversAddress('fdff::1')).toBe(true);
      expect(allowlist.coversAddress('128.0.0.1')).toBe(false);
      expect(allowlist.coversAddress('fe80::1')).toBe(false);
    });

    it('matches an IPv4-mapped IPv6 address by the IPv4 address it reaches', () => {
      const allowlist = parseWebhookAllowlist('10.0.0.0/8');
      expect(allowlist.coversAddress('::ffff:10.1.2.3')).toBe(true);
      expect(allowlist.coversAddress('::ffff:a01:203')).toBe(true);
    });

    it('does not match NAT64 or 6to4 forms of an allowlisted IPv4 address', () => {
      const allowlist = parseWebhookAllowlist('127.0.0.1');
      expect(allowlist.coversAddress('64:ff9b::7f00:1')).toBe(false);
      expect(allowlist.coversAddress('2002:7f00:1::')).toBe(false);
    });

    it('reads entries the way a URL reads hosts', () => {
      expect(parseWebhookAllowlist('0x7f.1').coversAddress('127.0.0.1')).toBe(true);
      expect(parseWebhookAllowlist('[::1]').coversAddress('::1')).toBe(true);
    });

    it.each(['not-an-ip', '', '0x7f.1', '[::1]'])('does not match the non-address %p', (text) => {
      expect(parseWebhookAllowlist('0.0.0.0/0,::/0').coversAddress(text)).toBe(false);
    });
  });

  it.each([
    'https://hooks.example.com',
    'hooks.example.com:8443',
    'user@hooks.example.com',
    'hooks.example.com/path',
    '*.corp.example',
    'two words',
    'a..b',
    '300.1.1.1',
    '10.0.0.0/33',
    '10.0.0.0/x',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    'fc00::/129',
    'fe80::1%eth0',
    'helpdesk.corp.example/24',
  ])('rejects the malformed entry %p, naming it', (entry) => {
    expect(() => parseWebhookAllowlist(`localhost,${entry},10.0.0.0/8`)).toThrow(
      `WEBHOOK_ALLOWLIST entry '${entry}' is not a host name, IP address or CIDR range.`,
    );
  });
});
