import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpsReceiver, HttpsReceiverOptions, startHttpsReceiver } from '../../src/channels/testing/https-receiver';
import { SmtpSink, SmtpSinkOptions, startSmtpSink } from '../../src/channels/testing/smtp-sink';

export interface Peers {
  receiver: HttpsReceiver;
  sink: SmtpSink;
  /** The environment that points the service at these peers and trusts the receiver's certificate. */
  env: Record<string, string>;
  close: () => Promise<void>;
}

/** A real HTTPS webhook receiver and a real SMTP server, both on loopback. */
export async function startPeers(options: { receiver?: HttpsReceiverOptions; sink?: SmtpSinkOptions } = {}): Promise<Peers> {
  const [receiver, sink] = await Promise.all([startHttpsReceiver(options.receiver), startSmtpSink(options.sink)]);
  const caFile = join(mkdtempSync(join(tmpdir(), 'wilow-ca-')), 'receiver-ca.pem');
  writeFileSync(caFile, receiver.ca);
  return {
    receiver,
    sink,
    env: { WEBHOOK_ALLOWLIST: '127.0.0.1,localhost', WEBHOOK_CA_FILE: caFile, SMTP_URL: sink.url },
    close: async () => {
      await Promise.all([receiver.close(), sink.close()]);
    },
  };
}
