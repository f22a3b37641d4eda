import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { EmlFileSentMessageInfo, EmlFileTransport } from './eml-file.transport';

describe('EmlFileTransport', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'wilow-mail-'));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('writes each message as an .eml file, creating the directory, and logs where', async () => {
    const dir = join(root, 'var', 'mail');
    const mailer = createTransport(new EmlFileTransport(dir));

    // nodemailer's typings assume SMTP's result for any custom transport.
    const info = (await mailer.sendMail({
      from: 'Wilow <handoff@localhost>',
      to: 'team@acme.test',
      subject: 'Handoff from Acme',
      text: 'Hello',
      html: '<p>Hello</p>',
    })) as unknown as EmlFileSentMessageInfo;

    const files = await readdir(dir);
    expect(files).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d-]+Z-[\w.@-]+\.eml$/)]);
    expect(info.path).toBe(join(dir, files[0]));
    expect(Logger.prototype.log).toHaveBeenCalledWith(`Email written to ${info.path}`);
    const parsed = await simpleParser(await readFile(info.path));
    expect(parsed).toMatchObject({ subject: 'Handoff from Acme', text: 'Hello', html: '<p>Hello</p>' });
    expect(parsed.messageId).toBe(info.messageId);
    expect(parsed.to).toMatchObject({ value: [{ address: 'team@acme.test' }] });
  });
});
