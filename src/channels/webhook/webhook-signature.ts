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
 */
export function signWebhook(
  secret: string,
  body: string,
  messageId: string,
  timestampSeconds: number,
): Record<string, string> {
  const hexDigest = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body, 'utf8').digest('hex');
  const signedContent = `${messageId}.${timestampSeconds}.${body}`;
  const base64Digest = createHmac('sha256', standardWebhooksKey(secret))
    .update(signedContent, 'utf8')
    .digest('base64');
  return {
    'X-Wilow-Signature': `sha256=${hexDigest}`,
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${base64Digest}`,
  };
}

function standardWebhooksKey(secret: string): Buffer {
  const encoded = secret.startsWith(STANDARD_WEBHOOKS_SECRET_PREFIX)
    ? secret.slice(STANDARD_WEBHOOKS_SECRET_PREFIX.length)
    : secret;
  return Buffer.from(encoded, 'base64');
}
