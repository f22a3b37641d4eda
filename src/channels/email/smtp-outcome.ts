import type { SentMessageInfo } from 'nodemailer';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { DeliveryOutcome, FailureReason, PeerResponse } from '../delivery-channel';
import { truncateText } from '../response-body';

/** The part of nodemailer's result the classification reads; file transports have no rejections. */
type SendResult = Partial<Pick<SMTPConnection.SentMessageInfo, 'rejected' | 'response'>>;

/**
 * Classifies an accepted send. Accepted with some recipients rejected is a permanent failure:
 * the handoff address did not get the mail, and the server said so definitively.
 */
export function outcomeOfSent(info: SentMessageInfo): DeliveryOutcome {
  const { rejected = [], response } = info as SendResult;
  const peer = peerResponse(response);
  if (rejected.length === 0) return { status: 'delivered', ...peer };
  return { status: 'permanent_failure', error: `Recipient rejected: ${rejected.join(', ')}`, ...peer };
}

/**
 * Classifies a failed send: only a 5xx reply is permanent (the server will never take this
 * message: unknown mailbox, policy rejection, also as EENVELOPE). 4xx replies, connection
 * failures and timeouts (ECONNECTION, ETIMEDOUT, ESOCKET, EDNS, ECONNREFUSED, ...) and anything
 * unexpected are transient, and the queue retries with backoff.
 */
export function outcomeOfSmtpError(error: unknown): DeliveryOutcome {
  const { code, responseCode, response, message } = asSmtpError(error);
  const status = isPermanent(code, responseCode) ? 'permanent_failure' : 'transient_failure';
  return { status, ...classify(code, response, message), ...peerResponse(response) };
}

/** nodemailer's error codes for failures without a reply, as a tenant may read them. */
const FAILURES_WITHOUT_REPLY = new Map([
  ['ECONNECTION', 'mail server: connection failed'],
  ['ESOCKET', 'mail server: connection failed'],
  ['ETIMEDOUT', 'mail server: timed out'],
  ['EDNS', 'mail server: its name did not resolve'],
  ['ETLS', 'mail server: TLS handshake failed'],
  ['EAUTH', 'mail server refused the credentials'],
]);

/**
 * The server's own reply is what the admin needs ("550 5.1.1 No such user"); without one, a short
 * class of failure, and nodemailer's text (addresses, host names) only as the diagnostic.
 */
function classify(code: string | undefined, response: string | undefined, message: string): FailureReason {
  if (response) return { error: `mail server answered ${singleLine(response)}` };
  return { error: FAILURES_WITHOUT_REPLY.get(code ?? '') ?? 'mail server: sending failed', diagnostic: message };
}

function singleLine(text: string): string {
  return truncateText(text.replace(/\s+/g, ' ').trim(), MAX_REPLY_IN_ERROR_BYTES);
}

const MAX_REPLY_IN_ERROR_BYTES = 500;

/**
 * A 5xx to AUTH (EAUTH) is the exception: it is about the operator's SMTP credentials, not
 * this message, and once SMTP_URL is fixed the scheduled retries go through.
 */
function isPermanent(code: string | undefined, responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH';
}

/** The server's reply line, with its code when it starts with one (`550 5.1.1 ...`). */
function peerResponse(response: string | undefined): PeerResponse {
  if (!response) return {};
  const code = /^[1-5]\d\d\b/.exec(response);
  return { ...(code && { responseStatus: Number(code[0]) }), responseBody: truncateText(response) };
}

/**
 * Read by shape, not `instanceof Error`: nodemailer passes socket errors on as Node created
 * them, in Node's own realm, which is not the caller's under a VM sandbox (Jest).
 */
function asSmtpError(error: unknown): SMTPConnection.SMTPError {
  const fields = (error ?? {}) as Partial<SMTPConnection.SMTPError>;
  return typeof fields.message === 'string' ? (fields as SMTPConnection.SMTPError) : new Error(String(error));
}
