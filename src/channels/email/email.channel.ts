import { Injectable } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import {
  ChannelSettings,
  DeliveryChannel,
  DeliveryOutcome,
  HandoffPayload,
} from '../delivery-channel';
import { HandoffEmailRenderer, singleLine } from './handoff-email-renderer';
import { outcomeOfSent, outcomeOfSmtpError } from './smtp-outcome';

/**
 * The handoff email to the tenant's handoff address, sent once per call: transient failures
 * are reported as such and the queue retries them with backoff. The sender is MAIL_FROM, set
 * as the mailer's default.
 */
@Injectable()
export class EmailChannel extends DeliveryChannel {
  readonly name = 'email';
  private readonly renderer = new HandoffEmailRenderer();

  constructor(private readonly mailer: MailerService) {
    super();
  }

  isConfigured(settings: ChannelSettings): boolean {
    return !!settings.email;
  }

  async deliver(payload: HandoffPayload, { email }: ChannelSettings): Promise<DeliveryOutcome> {
    if (!email) return { status: 'permanent_failure', error: 'No handoff email configured' };
    const { subject, text, html } = this.renderer.render(payload);
    try {
      const info: unknown = await this.mailer.sendMail({
        // Address objects: nodemailer never parses a display name or address as a list.
        to: [{ name: singleLine(payload.tenantName), address: singleLine(email) }],
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
