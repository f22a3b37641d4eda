import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface ReceivedRequest {
  method: string;
  /** Path and query, as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body bytes, exactly as received. */
  body: Buffer;
}

export interface ReceiverResponse {
  status: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Send the status, headers and body, then keep the response open without ending it. */
  stall?: boolean;
}

export type Responder = (request: ReceivedRequest) => ReceiverResponse | Promise<ReceiverResponse>;

export interface HttpsReceiver {
  /** `https://localhost:<port>/hook`; the certificate also covers 127.0.0.1. */
  url: string;
  port: number;
  /** PEM of the receiver's self-signed certificate, to trust it (WebhookTransport `ca`). */
  ca: string;
  /** Every request received, in order; recorded before the responder runs. */
  requests: ReceivedRequest[];
  /** TLS connections accepted so far. */
  connections(): number;
  /** Closes the server and drops open connections, including ones never answered. */
  close(): Promise<void>;
}

export interface HttpsReceiverOptions {
  /** Defaults to 200 `{"ok":true}`. */
  respond?: Responder;
}

/** A responder that never answers: the request hangs until the client gives up. */
export const neverRespond: Responder = () => new Promise<never>(() => undefined);

/** A real HTTPS webhook receiver on 127.0.0.1, with a certificate for localhost and 127.0.0.1. */
export async function startHttpsReceiver(options: HttpsReceiverOptions = {}): Promise<HttpsReceiver> {
  const respond = options.respond ?? (() => ({ status: 200, body: '{"ok":true}' }));
  const { key, cert } = await testCertificate();
  const requests: ReceivedRequest[] = [];
  const server = createHttpsServer({ key, cert }, (request, response) => {
    void handle(request, response, respond, requests);
  });
  let connections = 0;
  server.on('secureConnection', () => (connections += 1));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/hook`,
    port,
    ca: cert,
    requests,
    connections: () => connections,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A port on 127.0.0.1 with nothing listening on it: connections are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  respond: Responder,
  requests: ReceivedRequest[],
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const received = {
    method: request.method ?? '',
    path: request.url ?? '',
    headers: request.headers,
    body: Buffer.concat(chunks),
  };
  requests.push(received);
  const { status, body, headers, stall } = await respond(received);
  response.writeHead(status, headers);
  if (stall) response.write(body ?? '');
  else response.end(body);
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

/** Generated once per test process: key generation is the slow part. */
function testCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}
