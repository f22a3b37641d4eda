import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { AppError, unauthorized } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';

/** The tenant's settings of the channel, secrets decrypted (a InboundConfig). */
export type InboundConfig = Record<string, unknown>;

/** A request to a helpdesk's inbound address, as it arrived. */
export interface InboundRequest {
  /** Header names in lowercase. */
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes as sent: what signatures cover. */
  rawBody: Buffer;
  /** The body parsed as JSON. */
  body: unknown;
  now: Date;
}

/** How the helpdesk wrote an answer: its markup is removed before it is stored. */
export type InboundTextFormat = 'html' | 'slack_mrkdwn';

/** An answer written in the helpdesk by a person of the team. */
export interface InboundAnswer {
  /** The helpdesk's own id of what it sent (a comment id, a Slack `event_id`): recorded once. */
  eventId: string;
  /**
   * The id of the comment, note or post as the service records its own on their deliveries (a
   * decimal comment id, `<channelId>:<ts>`): one the service wrote itself is an echo.
   */
  itemId: string | null;
  text: string;
  format: InboundTextFormat;
  /** The author's name when the body says it; else the helpdesk user to look the name up for. */
  author: { name: string } | { userId: string };
}

/** A ticket or thread changed: a new answer in it, its closing, or both. */
export interface TicketUpdate {
  /** What the channel's handoff delivery recorded as its `externalId`: a ticket id, `<channelId>:<ts>`. */
  thread: string;
  /** The handoff id, when the helpdesk keeps it (a Zendesk ticket's `external_id`). */
  handoffId: string | null;
  answer: InboundAnswer | null;
  /** The ticket was solved or closed: the handoff is resolved. */
  closes: boolean;
}

/** What an inbound request says. */
export type InboundNews =
  /** Slack's `url_verification`: answer with the challenge. */
  | { kind: 'challenge'; challenge: string }
  /** Nothing for the visitor (a bot, an edit, a message outside a thread): 200, nothing recorded. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'update'; update: TicketUpdate };

/**
 * How a helpdesk talks back: a channel that has one sets `DeliveryChannel.inbound`, and the
 * service gives it an address (`POST /v1/inbound/{channel}/{token}`), checks requests with
 * `verify`, reads them with `read`, and shows admins `setupSteps` and `bodyTemplate`.
 */
export interface InboundChannel {
  /** The steps an admin follows in the helpdesk, in order; `{inboundUrl}` stands for the address. */
  readonly setupSteps: readonly string[];
  /** The JSON body to paste into the helpdesk's webhook, with its placeholders; null when the helpdesk sends its own. */
  readonly bodyTemplate: string | null;
  /** Throws a 401 AppError unless the request comes from the tenant's helpdesk. */
  verify(request: InboundRequest, config: InboundConfig): void;
  /** Throws a 400 AppError for a body that is not what the helpdesk sends. */
  read(body: unknown): InboundNews;
}

/** How far a signed timestamp may be from now, either way. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** One request header's value (the first, if repeated). */
export function headerOf(request: InboundRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The signing secret the tenant saved, or a 401 that says it is missing (never what it is). */
export function signingSecretOf(config: InboundConfig, name: string): string {
  const secret = config[name];
  if (typeof secret !== 'string' || secret === '') throw unauthorized(`No ${name} is saved for this channel: requests cannot be verified.`);
  return secret;
}

/** A 401 unless `timestampMs` is within SIGNATURE_TOLERANCE_MS of now. */
export function requireFreshTimestamp(timestampMs: number, now: Date): void {
  if (!Number.isFinite(timestampMs) || Math.abs(now.getTime() - timestampMs) > SIGNATURE_TOLERANCE_MS) {
    throw unauthorized('The signature timestamp is missing or more than 5 minutes off.');
  }
}

/** A 401 unless `received` is the HMAC-SHA256 of `signed` under `secret`, in `encoding` (compared in constant time). */
export function requireHmac(secret: string, signed: Buffer, received: string | undefined, encoding: 'base64' | 'hex', prefix = ''): void {
  const expected = Buffer.from(prefix + createHmac('sha256', secret).update(signed).digest(encoding));
  const given = Buffer.from(received ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized('The signature is missing or does not match.');
}

/** A 400 for a body the helpdesk would not send. */
export function unreadableBody(reason: string): AppError {
  return new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, `The body is not what this address expects: ${reason}.`);
}

/** A JSON object, or a 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unreadableBody('a JSON object is expected');
  return body as Record<string, unknown>;
}
