import { Injectable } from '@nestjs/common';
import { ISendMailOptions, MailerService } from '@nestjs-modules/mailer';
import addressparser from 'nodemailer/lib/addressparser';
import { AppConfig } from '../../config/app-config';
import {
  ChannelConfig,
  ChannelFailingPayload,
  DeliveryChannel,
  DeliveryContext,
  DeliveryOutcome,
  ErasureSupport,
  FollowUpPayload,
  FollowUpSupport,
  HandoffPayload,
  RetryPolicy,
  VisitorEmailPayload,
} from '../delivery-channel';
import { fitNewestMessages } from '../transcript-fit';
import { singleLine } from '../transcript-format';
import { EmailRenderer, RenderedEmail } from './email-renderer';
import { EmailSettings } from './email.settings';
import { outcomeOfSent, outcomeOfSmtpError } from './smtp-outcome';

/**
 * Bounds one handoff email (its text and HTML parts together): mail servers commonly refuse
 * messages over 10–25 MB, and a transcript that size would be unreadable anyway.
 */
export const MAX_EMAIL_BYTES = 1024 * 1024;

/** A mailbox as nodemailer takes it: an object, so no display name or address is parsed as a list. */
interface Mailbox {
  name: string;
  address: string;
}

/**
 * Emails: the handoff to the tenant's handoff address, the follow-ups threaded under it, and the
 * agents' unread answers to the visitor. Sent once per call: transient failures are reported as
 * such and the queue retries them on the EMAIL_RETRY_* schedule. The sender is MAIL_FROM, set as
 * the mailer's default.
 */
@Injectable()
export class EmailChannel extends DeliveryChannel<EmailSettings> {
  readonly name = 'email';
  readonly displayName = 'Handoff email';
  readonly settingsType = EmailSettings;
  readonly retryPolicy: RetryPolicy;
  // Both parts carry the transcript, the HTML one escaped: raw text is at most half the message.
  readonly transcriptBudgetBytes = MAX_EMAIL_BYTES / 2;
  /** Messages of FOLLOW_UP_EMAIL_DELAY_MS go in one email, so a busy conversation is not an email per line. */
  override readonly followUps: FollowUpSupport;
  override readonly reachesVisitors = true;
  /** An email that has left stays in the inbox it reached: the service cannot take it back. */
  override erasure(): ErasureSupport {
    return { follows: false, note: 'Emails that have left cannot be recalled: the handoff email and its follow-ups stay in the handoff inbox.' };
  }
  private readonly renderer = new EmailRenderer();
  private readonly messageIdDomain: string;

  constructor(
    private readonly mailer: MailerService,
    config: AppConfig,
  ) {
    super();
    this.retryPolicy = { attempts: config.mail.retryAttempts, backoffBaseMs: config.mail.retryBaseMs, honoursRetryAfter: false, repeatsSafely: true };
    this.followUps = { batchDelayMs: config.mail.followUpDelayMs };
    this.messageIdDomain = domainOf(config.mail.from);
  }

  deliver(payload: HandoffPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    const email = fitNewestMessages(payload, (fitted) => this.renderer.handoff(fitted), fitsOneEmail).rendering;
    return this.send(context, payload.handoffId, {
      to: mailbox(handoffAddress(config), payload.tenantName),
      ...replyToVisitor(payload.visitorEmail),
      ...email,
    });
  }

  /** One email with every message of the payload, in the thread of the handoff email when it is known. */
  override deliverFollowUp(payload: FollowUpPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    const { handoff } = payload;
    return this.send(context, handoff.handoffId, {
      to: mailbox(handoffAddress(config), handoff.tenantName),
      ...replyToVisitor(handoff.visitorEmail),
      ...(handoff.externalId !== null && { inReplyTo: handoff.externalId, references: handoff.externalId }),
      ...this.renderer.followUp(payload),
    });
  }

  /** `config` may be empty: a tenant without a handoff address still answers visitors, who then cannot reply. */
  override deliverToVisitor(payload: VisitorEmailPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    const { address } = config as Partial<EmailSettings>;
    return this.send(context, payload.handoff.handoffId, {
      to: mailbox(payload.visitorEmail),
      ...(address && { replyTo: mailbox(address, payload.handoff.tenantName) }),
      ...this.renderer.toVisitor(payload, Boolean(address)),
    });
  }

  /** Tells the tenant, at the handoff address, that another of its channels keeps failing. */
  override readonly sendsNotices = true;

  override deliverNotice(payload: ChannelFailingPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    return this.send(context, null, { to: mailbox(handoffAddress(config), payload.tenantName), ...this.renderer.channelFailing(payload) });
  }

  /**
   * Sends with a Message-ID made of the delivery id, the same on every try of a delivery, and
   * returns it as the delivered outcome's externalId: it is stored, and what follows threads under it.
   * An email about a handoff says which (`X-Wilow-Handoff-Id`), for deduplication.
   */
  private async send(context: DeliveryContext, handoffId: string | null, mail: ISendMailOptions & RenderedEmail): Promise<DeliveryOutcome> {
    const messageId = `<${context.deliveryId}@${this.messageIdDomain}>`;
    const headers: Record<string, string> = handoffId === null ? {} : { 'X-Wilow-Handoff-Id': handoffId };
    try {
      const outcome = outcomeOfSent(await this.mailer.sendMail({ ...mail, messageId, headers }));
      return outcome.status === 'delivered' ? { ...outcome, externalId: messageId } : outcome;
    } catch (error) {
      return outcomeOfSmtpError(error);
    }
  }
}

function fitsOneEmail({ text, html }: RenderedEmail): boolean {
  return Buffer.byteLength(text) + Buffer.byteLength(html) <= MAX_EMAIL_BYTES;
}

function handoffAddress(config: ChannelConfig): string {
  return (config as { address: string }).address;
}

function mailbox(address: string, name = ''): Mailbox {
  return { name: singleLine(name), address: singleLine(address) };
}

/** The team's answer goes straight to the visitor, when they left an email. */
function replyToVisitor(visitorEmail: string | null): Pick<ISendMailOptions, 'replyTo'> {
  return visitorEmail ? { replyTo: mailbox(visitorEmail) } : {};
}

/**
 * The domain of MAIL_FROM's address (`Wilow <handoff@example.com>` or `handoff@example.com`), for
 * Message-IDs; refused at start when there is none, as every email would go out malformed.
 */
function domainOf(from: string): string {
  const address = addressparser(from, { flatten: true })[0]?.address ?? '';
  const domain = address.slice(address.lastIndexOf('@') + 1);
  if (!address.includes('@') || domain === '') throw new Error(`MAIL_FROM '${from}' has no email address with a domain`);
  return domain;
}
