import { Injectable } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import { AppConfig } from '../../config/app-config';
import { ChannelConfig, DeliveryChannel, DeliveryOutcome, HandoffPayload, RetryPolicy } from '../delivery-channel';
import { fitNewestMessages } from '../transcript-fit';
import { EmailSettings } from './email.settings';
import { singleLine } from '../transcript-format';
import { HandoffEmailRenderer, RenderedHandoffEmail } from './handoff-email-renderer';
import { outcomeOfSent, outcomeOfSmtpError } from './smtp-outcome';

/**
 * Bounds one handoff email (its text and HTML parts together): mail servers commonly refuse
 * messages over 10–25 MB, and a transcript that size would be unreadable anyway.
 */
export const MAX_EMAIL_BYTES = 1024 * 1024;

/**
 * The handoff email to the tenant's handoff address, sent once per call: transient failures
 * are reported as such and the queue retries them on the EMAIL_RETRY_* schedule. The sender is
 * MAIL_FROM, set as the mailer's default.
 */
@Injectable()
export class EmailChannel extends DeliveryChannel<EmailSettings> {
  readonly name = 'email';
  readonly displayName = 'Handoff email';
  readonly settingsType = EmailSettings;
  readonly retryPolicy: RetryPolicy;
  // Both parts carry the transcript, the HTML one escaped: raw text is at most half the message.
  readonly transcriptBudgetBytes = MAX_EMAIL_BYTES / 2;
  private readonly renderer = new HandoffEmailRenderer();

  constructor(
    private readonly mailer: MailerService,
    config: AppConfig,
  ) {
    super();
    this.retryPolicy = { attempts: config.mail.retryAttempts, backoffBaseMs: config.mail.retryBaseMs, honoursRetryAfter: false, repeatsSafely: true };
  }

  async deliver(payload: HandoffPayload, config: ChannelConfig): Promise<DeliveryOutcome> {
    const { address } = config as { address: string };
    const { subject, text, html } = fitNewestMessages(payload, (fitted) => this.renderer.render(fitted), fitsOneEmail).rendering;
    try {
      const info: unknown = await this.mailer.sendMail({
        // Address objects: nodemailer never parses a display name or address as a list.
        to: [{ name: singleLine(payload.tenantName), address: singleLine(address) }],
        ...(payload.visitorEmail && {
          replyTo: { name: '', address: singleLine(payload.visitorEmail) },
        }),
        subject,
        text,
        html,
        headers: { 'X-Wilow-Handoff-Id': payload.handoffId },
      });
      return outcomeOfSent(info);
    } catch (error) {
      return outcomeOfSmtpError(error);
    }
  }
}

function fitsOneEmail({ text, html }: RenderedHandoffEmail): boolean {
  return Buffer.byteLength(text) + Buffer.byteLength(html) <= MAX_EMAIL_BYTES;
}
