import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { Transport } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import type MimeNode from 'nodemailer/lib/mime-node';

export interface EmlFileSentMessageInfo {
  envelope: MimeNode.Envelope;
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** Where the message was written. */
  path: string;
  response: string;
}

/**
 * A nodemailer transport that writes each message as `<dir>/<timestamp>-<messageId>.eml`
 * instead of sending it, so the service runs on a laptop with no mail server (SMTP_URL unset).
 * Any mail client opens the files.
 */
export class EmlFileTransport implements Transport {
  readonly name = 'EmlFileTransport';
  readonly version = '1.0.0';
  private readonly logger = new Logger(EmlFileTransport.name);

  constructor(private readonly dir: string) {}

  send(
    mail: MailMessage,
    // Like nodemailer's own transports, it calls back with an error and no info.
    callback: (error: Error | null, info?: EmlFileSentMessageInfo) => void,
  ): void {
    this.write(mail).then(
      (info) => callback(null, info),
      (error: Error) => callback(error),
    );
  }

  private async write(mail: MailMessage): Promise<EmlFileSentMessageInfo> {
    const raw = await mail.message.build();
    const messageId = mail.message.messageId();
    const path = join(this.dir, `${fileTimestamp(new Date())}-${fileSafe(messageId)}.eml`);
    await mkdir(this.dir, { recursive: true });
    await writeFile(path, raw, { flag: 'wx' });
    this.logger.log(`Email written to ${path}`);
    const envelope = mail.message.getEnvelope();
    return { envelope, messageId, accepted: envelope.to, rejected: [], path, response: `Written to ${path}` };
  }
}

/** ISO time without the characters some file systems refuse; sorts chronologically. */
function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** `<uuid@host>` → `uuid@host`, anything unusual replaced. */
function fileSafe(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').replace(/[^\w.@-]/g, '_');
}
