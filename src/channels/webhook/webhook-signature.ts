import { createHmac, randomBytes } from 'node:crypto';

/** Standard Webhooks secrets carry this prefix; the key is the base64 text after it. */
const STANDARD_WEBHOOKS_SECRET_PREFIX = 'whsec_';

/** A new tenant signing secret: Standard Webhooks format, 32 random bytes. */
export function generateWebhookSecret(): string {
  return STANDARD_WEBHOOKS_SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The signature headers of one delivery, in two schemes so receivers can use whichever their
 * tooling verifies:
 * - `X-Wilow-Signature: sha256=<hex>`, HMAC-SHA256 of the raw body keyed by the whole secret
 *   string (the GitHub style our documentation describes);
 * - Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`),
 *   HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed by the base64-decoded secret, which also
 *   lets receivers reject replays by timestamp.
 * During a rotation's overlap, `previous` (the replaced secret) signs too: `X-Wilow-Signature-Previous`
 * in the first scheme, a second entry of the space-separated `webhook-signature` list in the other,
 * so a receiver still holding the previous secret keeps verifying until it has the new one.
 */
export function signWebhook(
  secret: string,
  body: string,
  messageId: string,
  timestampSeconds: number,
  previous?: string,
): Record<string, string> {
  const signedContent = `${messageId}.${timestampSeconds}.${body}`;
  const standard = [secret, ...(previous === undefined ? [] : [previous])].map((key) => `v1,${standardWebhooksSignature(key, signedContent)}`);
  return {
    'X-Wilow-Signature': hexSignature(secret, body),
    ...(previous !== undefined && { 'X-Wilow-Signature-Previous': hexSignature(previous, body) }),
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': standard.join(' '),
  };
}

function hexSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body, 'utf8').digest('hex')}`;
}

function standardWebhooksSignature(secret: string, signedContent: string): string {
  return createHmac('sha256', standardWebhooksKey(secret)).update(signedContent, 'utf8').digest('base64');
}

function standardWebhooksKey(secret: string): Buffer {
  const encoded = secret.startsWith(STANDARD_WEBHOOKS_SECRET_PREFIX)
    ? secret.slice(STANDARD_WEBHOOKS_SECRET_PREFIX.length)
    : secret;
  return Buffer.from(encoded, 'base64');
}
