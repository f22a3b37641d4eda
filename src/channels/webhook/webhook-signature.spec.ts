import { verify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook } from './webhook-signature';

describe('signWebhook', () => {
  const secret = generateWebhookSecret();
  const body = '{"event":"handoff.created","reason":"Ünïcödé ✓"}';
  const now = () => Math.floor(Date.now() / 1000);

  it('signs the raw body as X-Wilow-Signature: sha256=<hex>, as GitHub-style verifiers check it', async () => {
    const headers = signWebhook(secret, body, 'delivery-1', now());

    expect(headers['X-Wilow-Signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    await expect(verify(secret, body, headers['X-Wilow-Signature'])).resolves.toBe(true);
    await expect(verify(secret, `${body} `, headers['X-Wilow-Signature'])).resolves.toBe(false);
  });

  it('adds Standard Webhooks headers that the reference verifier accepts', () => {
    const timestamp = now();
    const headers = signWebhook(secret, body, 'delivery-1', timestamp);

    expect(headers).toMatchObject({ 'webhook-id': 'delivery-1', 'webhook-timestamp': String(timestamp) });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('✓', 'x'), headers)).toThrow();
  });

  it('is not valid for another secret', async () => {
    const headers = signWebhook(secret, body, 'delivery-1', now());
    const other = generateWebhookSecret();

    await expect(verify(other, body, headers['X-Wilow-Signature'])).resolves.toBe(false);
    expect(() => new Webhook(other).verify(body, headers)).toThrow();
  });
});

describe('signWebhook during a rotation', () => {
  const next = generateWebhookSecret();
  const previous = generateWebhookSecret();
  const body = '{"event":"handoff.message"}';
  const headers = signWebhook(next, body, 'delivery-2', Math.floor(Date.now() / 1000), previous);

  it('signs with the new secret in X-Wilow-Signature and the previous one in X-Wilow-Signature-Previous', async () => {
    await expect(verify(next, body, headers['X-Wilow-Signature'])).resolves.toBe(true);
    await expect(verify(previous, body, headers['X-Wilow-Signature-Previous'])).resolves.toBe(true);
    await expect(verify(previous, body, headers['X-Wilow-Signature'])).resolves.toBe(false);
  });

  it('lists both Standard Webhooks signatures, new first, so a receiver holding either secret verifies', () => {
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(new Webhook(next).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('sends no previous signature outside a rotation', () => {
    const alone = signWebhook(next, body, 'delivery-3', Math.floor(Date.now() / 1000));
    expect(Object.keys(alone)).not.toContain('X-Wilow-Signature-Previous');
    expect(alone['webhook-signature']).not.toContain(' ');
  });
});

describe('generateWebhookSecret', () => {
  it('returns whsec_ and 32 random bytes in base64, different every time', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
