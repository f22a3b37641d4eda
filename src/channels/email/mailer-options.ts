import { MailerOptions } from '@nestjs-modules/mailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '../../config/app-config';
import { EmlFileTransport } from './eml-file.transport';

/** Bounds on a dead or stalled mail server, so a delivery worker is never held for long. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * SMTP_URL when set; otherwise messages are written as .eml files under MAIL_DIR. The SMTP
 * transport is constructed here because nodemailer's createTransport({ url, ... }) keeps only
 * what the URL says and would drop the timeouts.
 */
export function mailerOptions(config: AppConfig): MailerOptions {
  const { smtpUrl, from, dir } = config.mail;
  const transport = smtpUrl
    ? new SMTPTransport({ url: smtpUrl, ...SMTP_TIMEOUTS })
    : new EmlFileTransport(dir);
  return { transport, defaults: { from } };
}
