import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An SMTP error reply, e.g. `{ code: 550, message: '5.1.1 No such user' }`. */
export interface SmtpReply {
  code: number;
  message: string;
}

export interface SmtpSinkOptions {
  /** Return a reply to reject the recipient; undefined accepts it. */
  onRcptTo?: (address: string) => SmtpReply | undefined;
  /** Return a reply to reject the message after DATA; undefined accepts it. */
  onData?: (raw: Buffer) => SmtpReply | undefined;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, usable as SMTP_URL. */
  url: string;
  /** Accepted messages, parsed, in order; a message is here before the client hears 250. */
  messages: ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that accepts anything (no TLS, no auth) unless told not to. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo: (address, _session, callback) => {
      callback(toError(options.onRcptTo?.(address.address)));
    },
    onData: (stream, _session, callback) => {
      receive(stream, options.onData, messages).then(callback, callback);
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function receive(
  stream: Readable,
  onData: SmtpSinkOptions['onData'],
  messages: ParsedMail[],
): Promise<Error | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const rejection = toError(onData?.(raw));
  if (rejection === null) messages.push(await simpleParser(raw));
  return rejection;
}

/** smtp-server answers an error carrying `responseCode` with that code and its message. */
function toError(reply: SmtpReply | undefined): Error | null {
  if (reply === undefined) return null;
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}
